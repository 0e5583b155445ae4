// An export is read and converted on a thread of its own. On SQLite that thread stores an order
// export's orders itself, on a connection of its own, and only inside turns the bot's connection
// lends it: every row it writes appears between a lend's start and its end, never outside one.
// On PostgreSQL (no lending) the orders come back to the bot, which stores them as before.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import type { Deps } from "../../src/deps.ts";
import { metricsReading, type ExportRecord } from "../../src/features/metrics/export-reading.ts";
import { sqlitePath } from "../../src/infra/db/db.ts";
import type { Sql } from "../../src/infra/db/sql.ts";
import { runExport, type ExportIntake } from "../../src/intake/exports/run-export.ts";
import { dbKind, freshDb } from "../support/db.ts";

// Twelve turns: past the eighth the thread's checkpoint runs while it reads on (export-thread.ts).
const ORDERS = 12_000;
const HEAD = "订单编号,买家会员名,买家实际支付金额,订单状态,订单创建时间,订单付款时间,宝贝总数量,店铺名称,退款金额";
const csv = () =>
  Buffer.from(
    [
      HEAD,
      ...Array.from({ length: ORDERS }, (_, i) => {
        const t = `2026-11-11 ${String(i % 24).padStart(2, "0")}:10:00`;
        return `="33${String(i).padStart(14, "0")}",buyer${i % 300},${(i % 50) + 0.5},交易成功,${t},${t},1,天猫旗舰店,0.00`;
      }),
    ].join("\n"),
  );

let close: (() => Promise<void>) | undefined;
afterEach(async () => close?.());

describe("an order export read on its own thread", () => {
  it("stores every order, and on SQLite only inside the turns the bot's connection lends", async () => {
    const { db, sql } = await freshDb();
    close = () => db.$disconnect();
    const counter = sql.shared ? new Database(sqlitePath(sql.shared.path), { readonly: true }) : undefined;
    const count = () => (counter!.prepare('SELECT COUNT(*) AS n FROM "ExportOrder"').get() as { n: number }).n;
    const lends: number[] = [];
    const lent: Sql = sql.shared
      ? {
          ...sql,
          shared: {
            path: sql.shared.path,
            lend: (fn) =>
              sql.shared!.lend(async () => {
                const before = count();
                const r = await fn();
                lends.push(count() - before);
                return r;
              }),
          },
        }
      : sql;
    const handed: unknown[] = [];
    const reports: { orders: number }[] = [];
    const intake: ExportIntake<ExportRecord> = {
      ...metricsReading,
      stream: () => ({
        add: async (items) => void handed.push(...items),
        stored: (r) => void reports.push(r as { orders: number }),
        finish: async () => ({}),
      }),
    };
    const deps = {
      sql: lent,
      config: { IMPORT_PRESETS_DIR: mkdtempSync(join(tmpdir(), "presets-")), DEFAULT_TIMEZONE: "Asia/Shanghai" },
    } as unknown as Deps;

    const out = await runExport(deps, intake, { source: { bytes: csv() }, name: "ExportOrderList.csv", write: true });

    expect(out.kind).toBe("read");
    if (out.kind !== "read") return;
    expect(out.match.preset.id).toBe("tmall-orders");
    expect(out.summary.rows).toBe(ORDERS);
    expect(out.totals).toEqual({});
    if (dbKind() === "sqlite") {
      counter!.close();
      // About a thousand orders a turn, and every row was written while a turn was lent.
      expect(lends.reduce((n, d) => n + d, 0)).toBe(ORDERS);
      expect(lends.length).toBeGreaterThanOrEqual(12);
      expect(Math.max(...lends)).toBeLessThan(1500);
      expect(reports.reduce((n, r) => n + r.orders, 0)).toBe(ORDERS);
      expect(handed).toHaveLength(0);
    } else {
      expect(handed).toHaveLength(ORDERS);
      expect(reports).toHaveLength(0);
    }
    const stored = await sql.get<{ n: number }>('SELECT COUNT(*) AS "n" FROM "ExportOrder"');
    expect(Number(stored!.n)).toBe(dbKind() === "sqlite" ? ORDERS : 0);
  });
});
