// Stopping within a bound: a process whose in-flight work never finishes still exits, saying so.
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";

function start(grace: number) {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/support/hang-on-stop.ts"], {
    env: { ...process.env, GRACE_MS: String(grace) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (b: Buffer) => (out += b.toString()));
  const ready = new Promise<void>((resolve) => child.stdout.on("data", () => out.includes("ready") && resolve()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, ready, exited, output: () => out };
}

describe("a bounded shutdown", () => {
  it("exits 1 after the grace when stopping hangs, logging what was cut short", async () => {
    const p = start(300);
    await p.ready;
    p.child.kill("SIGTERM");
    expect(await p.exited).toBe(1);
    expect(p.output()).toContain("shutting down");
    expect(p.output()).toContain("shutdown cut short");
  }, 30_000);

  it("exits at once on a second signal", async () => {
    const p = start(60_000);
    await p.ready;
    p.child.kill("SIGTERM");
    await new Promise<void>((r) => p.child.stdout.once("data", () => r()));
    p.child.kill("SIGTERM");
    expect(await p.exited).toBe(1);
    expect(p.output()).toContain("second signal");
  }, 30_000);
});
