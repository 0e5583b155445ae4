// One graphile-worker process for bench/anchor-graphile.ts, set up as graphile-worker's own
// performance test sets it (perfTest/graphile.config.js): 24 jobs at once, a local queue of 500,
// completions batched. Two tasks; the jobs queued name one: "escalate" does an escalation's writes in one
// statement (the case's tier, its event, five messages), "one-row" writes one row (about the least
// a job can do, and what the bench counts).
import { run } from "graphile-worker";

const ESCALATE = `WITH c AS (UPDATE anchor_case SET tier = 2 WHERE id = $1 RETURNING id),
  e AS (INSERT INTO anchor_event (case_id, kind) SELECT id, 'escalated_auto' FROM c)
  INSERT INTO anchor_message (case_id, n, body)
  SELECT c.id, g, $2 FROM c, generate_series(1, 5) AS g`;

const body = JSON.stringify({ text: "工单升级到二线 · tier 2", blocks: [{ type: "section" }] });
const taskList = {
  escalate: async (payload, helpers) => {
    await helpers.query(ESCALATE, [payload.id, body]);
  },
  "one-row": async (payload, helpers) => {
    await helpers.query(`INSERT INTO anchor_event (case_id, kind) VALUES ($1, 'one-row')`, [payload.id]);
  },
};

const runner = await run({
  taskList,
  noHandleSignals: true,
  preset: {
    worker: {
      connectionString: process.env.ANCHOR_DATABASE_URL,
      concurrentJobs: 24,
      maxPoolSize: 25,
      pollInterval: 500,
      localQueue: { size: 500, refetchDelay: { durationMs: 10 } },
      completeJobBatchDelay: 0,
      failJobBatchDelay: 0,
    },
  },
  logger: undefined,
});
process.send?.("ready");
process.on("SIGTERM", () => void runner.stop().then(() => process.exit(0)));
