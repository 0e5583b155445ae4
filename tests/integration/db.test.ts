import { describe, expect, it } from "vitest";
import { outsideTransaction } from "../../src/infra/db/turns.ts";
import { freshDb } from "../support/db.ts";

describe("the SQLite client", () => {
  it("keeps queries outside a transaction out of it: no dirty reads, no writes rolled back with it", async () => {
    const { db } = await freshDb();
    let outside: Promise<number> | undefined;
    const tx = db
      .$transaction(async (t) => {
        await t.timer.create({ data: { kind: "k", key: "inside", dueAt: new Date(0), createdAt: new Date(0) } });
        // A query from elsewhere (the outbox sender, say) starts while the transaction is open.
        // (The sender and the scheduler start their passes outside the transaction's context.)
        outsideTransaction(() => (outside = db.timer.count()));
        await t.timer.count();
        throw new Error("roll back");
      })
      .catch((e: Error) => e.message);
    expect(await tx).toBe("roll back");
    // It ran (undefined would not be 0) and never saw the row the transaction wrote and rolled back.
    expect(await outside).toBe(0);
    expect(await db.timer.count()).toBe(0);
    await db.$disconnect();
  });

  it("refuses the outer client inside a transaction, loudly, instead of waiting on itself", async () => {
    const { db } = await freshDb();
    const r = await db.$transaction(async () => db.timer.count()).catch((e: Error) => e.message);
    expect(r).toContain("used inside a transaction");
    expect(await db.timer.count()).toBe(0);
    await db.$disconnect();
  });
});
