// Bench only: loaded into the bot with --import (BENCH_NODE_FLAGS="--import ./bench/sql-timing.mjs")
// to see which SQLite statements take the bot's time. Every statement's run/get/all/iterate is
// timed; at exit the thirty costliest statements (total time, count, slowest) go to SQL_TIMING_FILE.
import { createRequire } from "node:module";
import { writeFileSync } from "node:fs";

const require = createRequire(import.meta.url);
const Database = require("better-sqlite3");
const stats = new Map();
const note = (sql, ms) => {
  const key = sql
    .replace(/\s+/g, " ")
    .replace(/\(\?(, \?)+\)/g, "(?…)")
    .slice(0, 300);
  const s = stats.get(key) ?? { total: 0, n: 0, max: 0 };
  s.total += ms;
  s.n++;
  s.max = Math.max(s.max, ms);
  stats.set(key, s);
};
const prepare = Database.prototype.prepare;
Database.prototype.prepare = function (sql) {
  const stmt = prepare.call(this, sql);
  for (const m of ["run", "get", "all", "iterate"]) {
    const f = stmt[m];
    stmt[m] = function (...args) {
      const t0 = performance.now();
      try {
        return f.apply(this, args);
      } finally {
        note(sql, performance.now() - t0);
      }
    };
  }
  return stmt;
};
const dump = () => {
  const line = ([k, s]) =>
    `${s.total.toFixed(0).padStart(7)} ms ${String(s.n).padStart(7)}× max ${s.max.toFixed(0).padStart(5)} ms  ${k}`;
  const all = [...stats];
  const byTime = all
    .sort((a, b) => b[1].total - a[1].total)
    .slice(0, 30)
    .map(line);
  const byCount = [...stats]
    .sort((a, b) => b[1].n - a[1].n)
    .slice(0, 30)
    .map(line);
  writeFileSync(
    process.env.SQL_TIMING_FILE ?? "/tmp/sql-timing.txt",
    ["by time:", ...byTime, "", "by count:", ...byCount].join("\n"),
  );
};
// The bot stops itself on SIGTERM (draining what is in flight); its exit writes the figures.
process.on("exit", dump);
