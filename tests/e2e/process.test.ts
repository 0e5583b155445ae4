// The bot as an operator runs it: a real process, started the way `npm start` starts it.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FakeSlack } from "../support/fake-slack.ts";
import { postSigned } from "../support/signed.ts";

// What `npm start` runs: the compiled bot (global setup builds dist/).
const main = resolve("dist/main.js");
const tsx = import.meta.resolve("tsx");

function run(env: Record<string, string>, cwd: string, args = ["--max-semi-space-size=2", main]) {
  const child = spawn(process.execPath, args, { cwd, env: { PATH: process.env.PATH!, ...env } });
  let out = "";
  const waiters: { re: RegExp; resolve: (m: RegExpMatchArray) => void }[] = [];
  const feed = (d: Buffer) => {
    out += d;
    for (const w of [...waiters]) {
      const m = out.match(w.re);
      if (m) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
    }
  };
  child.stdout.on("data", feed);
  child.stderr.on("data", feed);
  const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
  /** Resolves when the output matches (event-driven: no polling, no fixed start window). */
  const waitFor = (re: RegExp) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const m = out.match(re);
      if (m) return resolve(m);
      waiters.push({ re, resolve });
      void exited.then((code) => reject(new Error(`exited with ${code} before printing ${re}:\n${out}`)));
    });
  return { child, exited, output: () => out, waitFor };
}

describe("npm start", () => {
  let child: ChildProcess | undefined;
  let fake: FakeSlack | undefined;
  afterEach(async () => {
    child?.kill("SIGKILL");
    await fake?.stop();
  });

  it("with no settings exits 2 listing every missing setting, without a stack trace", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "shopops-clean-"));
    const p = run({ NODE_ENV: "production" }, cwd);
    child = p.child;
    expect(await p.exited).toBe(2);
    const out = p.output();
    expect(out).toContain("SLACK_BOT_TOKEN");
    expect(out).toContain("SLACK_SIGNING_SECRET");
    expect(out).not.toMatch(/\n\s+at /);
  });

  it("reports an invalid setting with how to fix it", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "shopops-bad-"));
    const p = run(
      {
        SLACK_BOT_TOKEN: "xoxp-user-token",
        SLACK_SIGNING_SECRET: "s3cret-s3cret",
        DEFAULT_TIMEZONE: "Mars/Olympus",
        PORT: "eighty",
      },
      cwd,
    );
    child = p.child;
    expect(await p.exited).toBe(2);
    const out = p.output();
    expect(out).toContain("must start with xoxb-");
    expect(out).toContain("DEFAULT_TIMEZONE");
    expect(out).toContain("PORT");
  });

  it("creates its database private to its user, serves /healthz, survives hostile requests, and exits 0 on SIGTERM", async () => {
    fake = await new FakeSlack().start();
    const cwd = mkdtempSync(join(tmpdir(), "shopops-run-"));
    const secret = "signing-secret-42";
    const p = run(
      {
        SLACK_BOT_TOKEN: "xoxb-secret-value-42",
        SLACK_SIGNING_SECRET: secret,
        SLACK_API_URL: fake.apiUrl,
        PORT: "0",
        HOST: "127.0.0.1",
      },
      cwd,
    );
    child = p.child;
    const port = Number((await p.waitFor(/"port":(\d+)[^\n]*shopops started/))[1]);
    const base = `http://127.0.0.1:${port}`;
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok", database: "ok", slackAuth: "ok" });
    expect(fake.callsOf("auth.test")).toHaveLength(1);

    // The database holds customers' names and orders: only the bot's user may read it.
    const db = join(cwd, "data/shopops.db");
    expect(existsSync(db)).toBe(true);
    expect(statSync(join(cwd, "data")).mode & 0o777).toBe(0o700);
    expect(statSync(db).mode & 0o777).toBe(0o600);
    // SQLite's WAL files exist while the database is open (WAL mode): they are private too.
    for (const f of [`${db}-wal`, `${db}-shm`]) {
      expect(existsSync(f), f).toBe(true);
      expect(statSync(f).mode & 0o077, f).toBe(0);
    }

    // Requests that used to end the process: a signed `null`, odd payloads, a huge body.
    const { sign } = await import("../support/signed.ts");
    for (const [body, type] of [
      ["null", "application/json"],
      ['{"type":"event_callback","event":null}', "application/json"],
      ["payload=null", "application/x-www-form-urlencoded"],
      ['payload={"type":"block_actions"}', "application/x-www-form-urlencoded"],
    ] as const) {
      const r = await postSigned(base, body, type, { secret });
      expect(r.status, body).toBeLessThan(500);
    }
    const ts = Math.floor(Date.now() / 1000);
    const big = "payload=" + "x".repeat(3 * 1024 * 1024);
    const r = await fetch(`${base}/slack/events`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-slack-request-timestamp": String(ts),
        "x-slack-signature": sign(big, ts, secret),
      },
      body: big,
    });
    expect(r.status).toBe(413);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect(child.exitCode).toBeNull();

    child.kill("SIGTERM");
    expect(await p.exited).toBe(0);
    expect(p.output()).toContain("shopops stopped");
    expect(p.output()).not.toContain("xoxb-secret-value-42");
  });

  it("logs an error nobody caught and keeps running", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "shopops-lr-"));
    const script = join(cwd, "probe.ts");
    const { writeFileSync } = await import("node:fs");
    writeFileSync(
      script,
      [
        `import { keepRunningOnUncaughtErrors } from ${JSON.stringify(resolve("src/infra/last-resort.ts"))};`,
        `import { createLogger } from ${JSON.stringify(resolve("src/infra/logger.ts"))};`,
        `keepRunningOnUncaughtErrors(createLogger("info"));`,
        `setTimeout(() => { throw new Error("thrown in a timer"); }, 1);`,
        `void Promise.reject(new Error("rejected and forgotten"));`,
        `setTimeout(() => { console.log("still alive"); process.exit(0); }, 50);`,
      ].join("\n"),
    );
    const p = run({}, cwd, ["--import", tsx, script]);
    child = p.child;
    expect(await p.exited).toBe(0);
    expect(p.output()).toContain("still alive");
    expect(p.output()).toContain("thrown in a timer");
    expect(p.output()).toContain("rejected and forgotten");
    expect(p.output()).toContain("keeps running");
  });
});
