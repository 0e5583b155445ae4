// The sandbox exists only outside production: with NODE_ENV=production the bot never loads a
// line of it and its routes do not exist. Checked on the compiled bot (what `npm start` runs)
// with a module-load recorder; the same recorder in sandbox mode shows it can see the sandbox.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { FakeSlack } from "../support/fake-slack.ts";

const main = resolve("dist/main.js");
const recorder = resolve("tests/support/record-modules.mjs");

function start(env: Record<string, string>, args: string[] = []) {
  const dir = mkdtempSync(join(tmpdir(), "shopops-modules-"));
  const log = join(dir, "modules.txt");
  const child = spawn(process.execPath, ["--import", recorder, main, ...args], {
    cwd: dir,
    env: { PATH: process.env.PATH!, MODULE_LOG: log, PORT: "0", HOST: "127.0.0.1", ...env },
  });
  let out = "";
  const ready = new Promise<number>((res, rej) => {
    const feed = (d: Buffer) => {
      out += d;
      const m = /"port":(\d+)[^\n]*shopops started/.exec(out) ?? /shopops sandbox: http:\/\/localhost:(\d+)/.exec(out);
      if (m) res(Number(m[1]));
    };
    child.stdout.on("data", feed);
    child.stderr.on("data", feed);
    child.once("exit", (code) => rej(new Error(`exited ${code}:\n${out}`)));
  });
  /** The bundles the process loaded, by their text. */
  const loaded = () =>
    readFileSync(log, "utf8")
      .split("\n")
      .filter((u) => u.startsWith("file:") && u.includes("/dist/"))
      .map((u) => ({ url: u, text: readFileSync(fileURLToPath(u), "utf8") }));
  return { child, ready, loaded, dir };
}

const isSandbox = (text: string) => text.includes("SlackStandIn") || text.includes("sandboxRoutes");

describe("the sandbox and production", () => {
  const children: ReturnType<typeof spawn>[] = [];
  let fake: FakeSlack | undefined;
  afterEach(async () => {
    for (const c of children.splice(0)) c.kill("SIGKILL");
    await fake?.stop();
  });

  it("with NODE_ENV=production, none of the sandbox is loaded and its routes answer 404", async () => {
    fake = await new FakeSlack().start();
    const p = start({
      NODE_ENV: "production",
      SLACK_BOT_TOKEN: "xoxb-prod-like",
      SLACK_SIGNING_SECRET: "signing-secret-42",
      SLACK_API_URL: fake.apiUrl,
    });
    children.push(p.child);
    const port = await p.ready;
    for (const path of ["/", "/sandbox/app.js", "/sandbox/api/state", "/sandbox/events"]) {
      expect((await fetch(`http://127.0.0.1:${port}${path}`)).status, path).toBe(404);
    }
    const r = await fetch(`http://127.0.0.1:${port}/sandbox/api/command`, { method: "POST", body: "{}" });
    expect(r.status).toBe(404);
    const bundles = p.loaded();
    expect(bundles.some((b) => b.url.endsWith("/dist/main.js"))).toBe(true);
    expect(bundles.some((b) => b.text.includes("shopops started"))).toBe(true);
    expect(bundles.filter((b) => isSandbox(b.text)).map((b) => b.url)).toEqual([]);
  });

  it("with NODE_ENV=production and no settings, exits 2 instead of starting the sandbox", async () => {
    const p = start({ NODE_ENV: "production" });
    children.push(p.child);
    await expect(p.ready).rejects.toThrow(/exited 2/);
    expect(p.loaded().filter((b) => isSandbox(b.text))).toEqual([]);
  });

  it("with no settings outside production, the sandbox is what starts (the recorder sees it)", async () => {
    const p = start({ SANDBOX_DATABASE_URL: `file:${join(mkdtempSync(join(tmpdir(), "shopops-sb-")), "s.db")}` });
    children.push(p.child);
    const port = await p.ready;
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
    expect(p.loaded().some((b) => isSandbox(b.text))).toBe(true);
  });

  it("`npm run sandbox` starts the sandbox even when Slack settings exist, on its own database, never in production", async () => {
    const real = join(mkdtempSync(join(tmpdir(), "shopops-real-")), "real.db");
    const settings = {
      SLACK_BOT_TOKEN: "xoxb-real",
      SLACK_SIGNING_SECRET: "signing-secret-42",
      DATABASE_URL: `file:${real}`,
    };
    const p = start(
      { ...settings, SANDBOX_DATABASE_URL: `file:${join(mkdtempSync(join(tmpdir(), "shopops-sb-")), "s.db")}` },
      ["--sandbox"],
    );
    children.push(p.child);
    const port = await p.ready;
    expect((await fetch(`http://127.0.0.1:${port}/sandbox/api/state`)).status).toBe(200);
    expect(existsSync(real)).toBe(false);
    const prod = start({ ...settings, NODE_ENV: "production" }, ["--sandbox"]);
    children.push(prod.child);
    await expect(prod.ready).rejects.toThrow(/exited 2/);
    expect(prod.loaded().filter((b) => isSandbox(b.text))).toEqual([]);
  });
});
