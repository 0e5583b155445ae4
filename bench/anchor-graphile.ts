// The anchor for bench:drain: graphile-worker, a well-kept job queue on PostgreSQL, draining the
// same backlog on the same server: BENCH_CLOCKS jobs all due at one instant, run by as many
// processes as the replicas it is compared with. Two kinds of job: an escalation's writes (the
// case's tier, its event and five messages, in one statement) and a single row (the queue's own
// cost, near enough). Each process is bench/anchor-worker.mjs, set up as graphile-worker's own
// performance test is (24 at once, a local queue, batched completion).
import { fork, type ChildProcess } from "node:child_process";
import pg from "pg";
import { runMigrations } from "graphile-worker";
import { sleep } from "./lib.ts";

export type AnchorTask = "escalate" | "one-row";

const SETUP = `
  CREATE TABLE anchor_case (id int PRIMARY KEY, tier int NOT NULL DEFAULT 1);
  CREATE TABLE anchor_event (id bigserial PRIMARY KEY, case_id int NOT NULL, kind text NOT NULL,
    at timestamptz NOT NULL DEFAULT clock_timestamp());
  CREATE TABLE anchor_message (id bigserial PRIMARY KEY, case_id int NOT NULL, n int NOT NULL,
    body text NOT NULL, status text NOT NULL DEFAULT 'pending', created_at timestamptz NOT NULL DEFAULT now());
  CREATE INDEX ON anchor_message (status, created_at);`;

async function startWorker(url: string): Promise<ChildProcess> {
  const child = fork(new URL("./anchor-worker.mjs", import.meta.url), [], {
    env: { ...process.env, ANCHOR_DATABASE_URL: url },
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  await new Promise<void>((resolve, reject) => {
    child.once("message", () => resolve());
    child.once("exit", (code) => reject(new Error(`anchor worker exited (${code})`)));
  });
  return child;
}

/** Jobs a second from the instant they were due to the last one done, and how many were done. */
export async function graphileAnchor(
  url: string,
  n: number,
  processes: number,
  task: AnchorTask,
  capMs: number,
): Promise<{ rate: number; done: number }> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await runMigrations({ connectionString: url });
  await c.query(SETUP);
  await c.query(`INSERT INTO anchor_case (id) SELECT generate_series(1, $1)`, [n]);
  const workers = await Promise.all(Array.from({ length: processes }, () => startWorker(url)));
  const due = Date.now() + 6_000;
  // Queued in one statement, as graphile-worker's performance test queues them; due together.
  await c.query(
    `SELECT graphile_worker.add_jobs(array(
       SELECT json_populate_record(null::graphile_worker.job_spec, json_build_object(
         'identifier', $2::text, 'payload', json_build_object('id', i), 'run_at', $3::timestamptz))
       FROM generate_series(1, $1) AS i))`,
    [n, task, new Date(due).toISOString()],
  );
  await c.query("VACUUM ANALYZE");
  let out: { rate: number; done: number };
  for (;;) {
    const row = (
      await c.query<{ n: string; last: Date | null }>(`SELECT COUNT(*) AS n, MAX(at) AS last FROM anchor_event`)
    ).rows[0]!;
    const done = Number(row.n);
    const over = Date.now() - due > capMs;
    if (done >= n || over) {
      const end = done >= n ? row.last!.getTime() : Date.now();
      out = { rate: done / Math.max((end - due) / 1000, 0.001), done };
      break;
    }
    await sleep(250);
  }
  for (const w of workers) w.kill("SIGTERM");
  await Promise.all(workers.map((w) => new Promise((r) => (w.exitCode !== null ? r(null) : w.once("exit", r)))));
  await c.end();
  return out;
}
