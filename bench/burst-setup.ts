// The pieces of the burst benchmark that talk to processes: a fake Slack that enforces Slack's
// limits, the bot on SQLite or as two replicas on PostgreSQL, signed events and actions.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { startTestPostgres, TEMPLATE, urlOf } from "../tests/support/postgres-server.ts";
import { eventCallback, interaction, slashCommand } from "../tests/support/signed.ts";
import { SECRET, startBot, startProcess, type Proc } from "./lib.ts";

/** Slack's limits as the fake enforces them: 1 post/s per channel (burst 3), 600 posts/min, 50 edits/min. */
export const SLACK_LIMITS = { FAKE_CHANNEL_BURST: "3", FAKE_POSTS_PER_MINUTE: "600", FAKE_EDITS_PER_MINUTE: "50" };

/** How the bot behaved before roll-ups: every message on its own, no budget of its own. */
export const TODAY = { DELIVERY_ROLLUPS: "off", SLACK_POSTS_PER_MINUTE: "0", SLACK_EDITS_PER_MINUTE: "0" };

export const startLimitedFake = () =>
  startProcess(["--import", "tsx", "bench/fake-slack-process.ts"], SLACK_LIMITS, /^(\d+)\n/);

export interface Db {
  count(sql: string): Promise<number>;
  all<T>(sql: string): Promise<T[]>;
  close(): Promise<void>;
}

export function sqliteDb(path: string): Db {
  const db = new Database(path, { readonly: true });
  return {
    count: async (sql) => Number((db.prepare(sql).get() as { n: number }).n),
    all: async <T>(sql: string) => db.prepare(sql).all() as T[],
    close: async () => void db.close(),
  };
}

export async function pgDb(url: string): Promise<Db> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  return {
    count: async (sql) => Number((await c.query(sql)).rows[0].n),
    all: async <T>(sql: string) => (await c.query(sql)).rows as T[],
    close: () => c.end(),
  };
}

export const tempSqlite = () => join(mkdtempSync(join(tmpdir(), "shopops-burst-")), "bench.db");

let server: Awaited<ReturnType<typeof startTestPostgres>> | undefined;
let seq = 0;
/** A fresh, migrated database on one embedded PostgreSQL 17 (started once). */
export async function pgDatabase(): Promise<string> {
  server ??= await startTestPostgres();
  const name = `burst_${process.pid}_${++seq}`;
  const admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE}`);
  await admin.end();
  return urlOf(server.adminUrl, name);
}
export const stopPostgres = async () => server?.stop();

/** The bot, one process or several replicas on one database. */
export async function startBots(fakePort: number, n: number, env: Record<string, string>): Promise<Proc[]> {
  const bots: Proc[] = [];
  for (let i = 0; i < n; i++) bots.push(await startBot(fakePort, { ADMIN_USER_IDS: "U0ADMIN", ...env }));
  return bots;
}

const base = (port: number) => `http://127.0.0.1:${port}`;
const opts = { secret: SECRET };

/** A signed slash command; its answers go to the fake Slack's response_url (`fakePort`). */
export const command = (port: number, user: string, cmd: string, text: string, fakePort?: number) =>
  slashCommand(
    base(port),
    {
      command: cmd,
      text,
      user_id: user,
      response_url: fakePort ? `http://127.0.0.1:${fakePort}/respond/${Math.random().toString(36).slice(2)}` : "",
      trigger_id: `${Date.now()}.1.abcd`,
    },
    opts,
  );

export const event = (port: number, ev: Record<string, unknown>) => eventCallback(base(port), ev, opts);

export const act = (port: number, payload: Record<string, unknown>) => interaction(base(port), payload, opts);

/** Calls of one method recorded by the fake from index `since` on. */
export async function callsSince(fakePort: number, method: string, since: number) {
  const r = await fetch(`http://127.0.0.1:${fakePort}/__calls?method=${encodeURIComponent(method)}&since=${since}`);
  return ((await r.json()) as { calls: { args: Record<string, unknown>; at: number }[] }).calls;
}

export async function waitUntil(check: () => Promise<boolean>, capMs: number, everyMs = 500): Promise<boolean> {
  const end = Date.now() + capMs;
  while (!(await check())) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return true;
}
