// The sandbox as a newcomer starts it: `npm start` in the project with no Slack settings, its
// database in a temporary directory. Resolves with the URL it prints.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface SandboxProcess {
  url: string;
  child: ChildProcess;
  output(): string;
  /** Milliseconds from spawn to the URL on stdout. */
  readyMs: number;
  stop(): Promise<void>;
}

export function startSandboxProcess(
  o: { args?: string[]; env?: Record<string, string>; command?: string[] } = {},
): Promise<SandboxProcess> {
  const dir = mkdtempSync(join(tmpdir(), "shopops-sandbox-"));
  // Only what a fresh shell has: no SLACK_* settings, not production.
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? dir,
    PORT: "0",
    SANDBOX_DATABASE_URL: `file:${join(dir, "sandbox.db")}`,
    ...o.env,
  };
  const started = performance.now();
  const [cmd, ...args] = o.command ?? ["npm", "start", "--silent"];
  const child = spawn(cmd!, [...args, ...(o.args ?? [])], {
    cwd: process.cwd(),
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let out = "";
  let ready = false;
  return new Promise((resolve, reject) => {
    const onData = (b: Buffer) => {
      out += b.toString();
      const m = /shopops sandbox: (http:\/\/\S+)/.exec(out);
      if (!m || ready) return;
      ready = true;
      resolve({
        url: m[1]!,
        child,
        readyMs: performance.now() - started,
        output: () => out,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once("exit", () => done());
            // npm start runs node under a shell: end the whole group.
            process.kill(-child.pid!, "SIGTERM");
          }),
      });
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (b: Buffer) => (out += b.toString()));
    child.once("exit", (code) =>
      reject(new Error(`the sandbox exited with ${code} before printing its URL:\n${out.slice(-3000)}`)),
    );
  });
}
