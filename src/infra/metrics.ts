import { Counter, Gauge, Histogram, Registry } from "prom-client";

export type Metrics = ReturnType<typeof createMetrics>;

/** One registry per app instance (not prom-client's global one), so tests can run several apps. */
export function createMetrics() {
  const registry = new Registry();
  const requests = new Counter({
    name: "shopops_slack_requests_total",
    help: "Slack requests received, by type (command, action, view, shortcut, event)",
    labelNames: ["type"] as const,
    registers: [registry],
  });
  const ackSeconds = new Histogram({
    name: "shopops_slack_ack_seconds",
    help: "Time from receiving a Slack HTTP request to answering it",
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3],
    registers: [registry],
  });
  const outboxDepth = new Gauge({
    name: "shopops_outbox_messages",
    help: "Outbox messages by status",
    labelNames: ["status"] as const,
    registers: [registry],
  });
  const outboxOutcomes = new Counter({
    name: "shopops_outbox_outcomes_total",
    help: "Outbox delivery outcomes (sent, failed, retry)",
    labelNames: ["outcome"] as const,
    registers: [registry],
  });
  const timerLateness = new Histogram({
    name: "shopops_timer_lateness_seconds",
    help: "How late timers started compared with their due time",
    buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 1800],
    registers: [registry],
  });
  const timerRuns = new Counter({
    name: "shopops_timer_runs_total",
    help: "Timer runs by outcome (done, retry, failed)",
    labelNames: ["outcome"] as const,
    registers: [registry],
  });
  const ingestedRows = new Counter({
    name: "shopops_ingested_rows_total",
    help: "Rows taken in by the data webhooks and imports, by kind (metrics, reviews) and outcome (stored, replaced, duplicate, skipped)",
    labelNames: ["kind", "outcome"] as const,
    registers: [registry],
  });
  const ingestsRunning = new Gauge({
    name: "shopops_ingests_running",
    help: "Data uploads being taken in right now, by kind",
    labelNames: ["kind"] as const,
    registers: [registry],
  });
  return {
    registry,
    requests,
    ackSeconds,
    outboxDepth,
    outboxOutcomes,
    timerLateness,
    timerRuns,
    ingestedRows,
    ingestsRunning,
  };
}
