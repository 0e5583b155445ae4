// The bot as an operator runs it: a real process, started the way `npm start` starts it.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FakeSlack } from "../support/fake-slack.ts";
import { until } from "../support/harness.ts";

const main = resolve("src/main.ts");
const tsx = import.meta.resolve("tsx");

function run(env: Record<string, string>, cwd: string) {
  const child = spawn(process.execPath, ["--import", tsx, main], { cwd, env: { PATH: process.env.PATH!, ...env } });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
  return { child, exited, output: () => out };
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
    const p = run({}, cwd);
    child = p.child;
    expect(await p.exited).toBe(2);
    const out = p.output();
    expect(out).toContain("SLACK_BOT_TOKEN");
    expect(out).toContain("SLACK_SIGNING_SECRET");
    expect(out).not.toMatch(/\n\s+at /);
  });

  it("reports an invalid setting with how to fix it", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "shopops-bad-"));
    const p = run({ SLACK_BOT_TOKEN: "xoxp-user-token", SLACK_SIGNING_SECRET: "s3cret-s3cret", DEFAULT_TIMEZONE: "Mars/Olympus", PORT: "eighty" }, cwd);
    child = p.child;
    expect(await p.exited).toBe(2);
    const out = p.output();
    expect(out).toContain("must start with xoxb-");
    expect(out).toContain("DEFAULT_TIMEZONE");
    expect(out).toContain("PORT");
  });

  it("with settings pointing at a fake Slack, creates and migrates its database, serves /healthz, and exits 0 on SIGTERM", async () => {
    fake = await new FakeSlack().start();
    const cwd = mkdtempSync(join(tmpdir(), "shopops-run-"));
    const port = 40_000 + Math.floor(Math.random() * 20_000);
    const p = run(
      { SLACK_BOT_TOKEN: "xoxb-secret-value-42", SLACK_SIGNING_SECRET: "signing-secret-42", SLACK_API_URL: fake.apiUrl, PORT: String(port), HOST: "127.0.0.1" },
      cwd,
    );
    child = p.child;
    const health = await until(async () => {
      try {
        const r = await fetch(`http://127.0.0.1:${port}/healthz`);
        return { status: r.status, body: await r.json() };
      } catch {
        return undefined;
      }
    }, 20_000);
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: "ok", database: "ok", slackAuth: "ok" });
    expect(existsSync(join(cwd, "data/shopops.db"))).toBe(true);
    expect(fake.callsOf("auth.test")).toHaveLength(1);
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toContain("shopops_timer_lateness_seconds");
    child.kill("SIGTERM");
    expect(await p.exited).toBe(0);
    expect(p.output()).toContain("shopops stopped");
    expect(p.output()).not.toContain("xoxb-secret-value-42");
  });
});
