// The briefing's numbers counted where the reviews are: grouped aggregates over the reviewedAt
// index, five minutes of reviews per statement, yielding between slices. A day of a million
// reviews never comes into JavaScript. On SQLite the statements run on the long reads' own
// connection in a worker thread (readerOf), so an ack or /healthz never waits for them; where
// there is none (an in-memory database) it waits at most one slice's aggregate (about 3,500
// reviews on a million-review day).
import type { ReadSql } from "../../infra/db/sql.ts";
import { yieldToLoop } from "../../infra/wake-loop.ts";
import { CAUSES, type Cause } from "./rules.ts";

export interface WindowCounts {
  total: number;
  negative: number;
  /** Negative reviews naming each cause. */
  causes: Map<Cause, number>;
}

export interface Example {
  sku: string;
  rating: number;
  text: string;
}

export interface DayDetail extends WindowCounts {
  /** Keyword hits in negative reviews. */
  hits: Map<string, number>;
  skus: Map<string, number>;
  /** The lowest-rated negative reviews, the earliest first among equals. */
  examples: Example[];
  /** Negative reviews that ask for a refund (a tag beside the causes, not a cause). */
  refunds: number;
}

/** Five minutes of reviews per statement on the event loop; off it, the whole window at once. */
const sliceOf = (q: ReadSql, from: Date, to: Date) =>
  q.offLoop ? Math.max(1, to.getTime() - from.getTime()) : 300_000;
const EXAMPLES = 5;

/** `json_each` on SQLite, its PostgreSQL twin: the elements of a JSON list column, as "value". */
const elements = (q: ReadSql, column: string) =>
  q.dialect === "postgres"
    ? `CROSS JOIN LATERAL json_array_elements_text(r."${column}"::json) AS j("value")`
    : `, json_each(r."${column}") AS j`;

/** The same elements as a table of their own, for EXISTS (…). */
const elementTable = (q: ReadSql, column: string) =>
  q.dialect === "postgres"
    ? `json_array_elements_text(r."${column}"::json) AS j("value")`
    : `json_each(r."${column}") AS j`;

const num = (v: unknown) => Number(v ?? 0);
const add = <K>(m: Map<K, number>, k: K, n: number) => m.set(k, (m.get(k) ?? 0) + n);

async function countSlice(q: ReadSql, from: Date, to: Date, into: WindowCounts): Promise<void> {
  const t = await q.get<{ total: unknown; negative: unknown }>(
    `SELECT COUNT(*) AS "total", SUM(CASE WHEN "negative" THEN 1 ELSE 0 END) AS "negative"
     FROM "Review" WHERE "reviewedAt" >= ? AND "reviewedAt" < ?`,
    [from, to],
  );
  into.total += num(t?.total);
  into.negative += num(t?.negative);
  if (!num(t?.negative)) return;
  const causes = await q.all<{ value: string; n: unknown }>(
    `SELECT j."value" AS "value", COUNT(*) AS "n" FROM "Review" AS r ${elements(q, "causes")}
     WHERE r."reviewedAt" >= ? AND r."reviewedAt" < ? AND r."negative" GROUP BY j."value"`,
    [from, to],
  );
  for (const c of causes)
    if ((CAUSES as readonly string[]).includes(c.value)) add(into.causes, c.value as Cause, num(c.n));
}

async function detailSlice(q: ReadSql, from: Date, to: Date, refundWords: string[], into: DayDetail): Promise<void> {
  const range = `r."reviewedAt" >= ? AND r."reviewedAt" < ? AND r."negative"`;
  for (const h of await q.all<{ value: string; n: unknown }>(
    `SELECT j."value" AS "value", COUNT(*) AS "n" FROM "Review" AS r ${elements(q, "hits")}
     WHERE ${range} GROUP BY j."value"`,
    [from, to],
  ))
    add(into.hits, h.value, num(h.n));
  for (const s of await q.all<{ sku: string; n: unknown }>(
    `SELECT r."sku" AS "sku", COUNT(*) AS "n" FROM "Review" AS r WHERE ${range} GROUP BY r."sku"`,
    [from, to],
  ))
    add(into.skus, s.sku, num(s.n));
  const worst = await q.all<Example>(
    `SELECT r."sku" AS "sku", r."rating" AS "rating", r."text" AS "text" FROM "Review" AS r WHERE ${range}
     ORDER BY r."rating", r."reviewedAt", r."id" LIMIT ${EXAMPLES}`,
    [from, to],
  );
  into.examples = [...into.examples, ...worst.map((w) => ({ ...w, rating: num(w.rating) }))]
    .sort((a, b) => a.rating - b.rating)
    .slice(0, EXAMPLES);
  if (!refundWords.length) return;
  const refunds = await q.get<{ n: unknown }>(
    `SELECT COUNT(*) AS "n" FROM "Review" AS r WHERE ${range} AND EXISTS (
       SELECT 1 FROM ${elementTable(q, "hits")} WHERE j."value" IN (${refundWords.map(() => "?").join(", ")}))`,
    [from, to, ...refundWords],
  );
  into.refunds += num(refunds?.n);
}

const emptyCounts = (): WindowCounts => ({ total: 0, negative: 0, causes: new Map() });

/** Counts of reviews in [from, to), a slice at a time. */
export async function windowCounts(q: ReadSql, from: Date, to: Date): Promise<WindowCounts> {
  const out = emptyCounts();
  const slice = sliceOf(q, from, to);
  for (let at = from.getTime(); at < to.getTime(); at += slice) {
    await countSlice(q, new Date(at), new Date(Math.min(at + slice, to.getTime())), out);
    await yieldToLoop();
  }
  return out;
}

/** A day's counts and what the briefing shows of it (keywords, SKUs, examples, refunds). */
export async function dayDetail(q: ReadSql, from: Date, to: Date, refundWords: string[]): Promise<DayDetail> {
  const out: DayDetail = { ...emptyCounts(), hits: new Map(), skus: new Map(), examples: [], refunds: 0 };
  const slice = sliceOf(q, from, to);
  for (let at = from.getTime(); at < to.getTime(); at += slice) {
    const [a, b] = [new Date(at), new Date(Math.min(at + slice, to.getTime()))];
    const before = out.negative;
    await countSlice(q, a, b, out);
    if (out.negative > before) await detailSlice(q, a, b, refundWords, out);
    await yieldToLoop();
  }
  return out;
}
