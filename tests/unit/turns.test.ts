// SQLite's one connection takes turns; what a request needs before its ack goes first, and reads
// need not wait while the turn is lent to another connection.
import { describe, expect, it } from "vitest";
import { lendTurn, readTurn, takeTurn } from "../../src/infra/db/turns.ts";

const deferred = () => {
  let release!: () => void;
  const done = new Promise<void>((r) => (release = r));
  return { done, release };
};

describe("turns on one connection", () => {
  it("runs one at a time, in order", async () => {
    const key = {};
    const order: number[] = [];
    let running = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        takeTurn(key, async () => {
          most = Math.max(most, ++running);
          await Promise.resolve();
          order.push(i);
          running--;
        }),
      ),
    );
    expect(most).toBe(1);
    expect(order).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it("puts an urgent turn before every waiting background turn, after the one running now", async () => {
    const key = {};
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const running = takeTurn(key, async () => {
      await held;
      order.push("running");
    });
    const background = Array.from({ length: 100 }, (_, i) =>
      takeTurn(key, async () => void order.push(`background ${i}`)),
    );
    const urgent = takeTurn(key, async () => void order.push("urgent"), true);
    release();
    await Promise.all([running, urgent, ...background]);
    expect(order.slice(0, 3)).toEqual(["running", "urgent", "background 0"]);
    expect(order).toHaveLength(102);
  });

  it("keeps going after a turn fails, and hands the failure to its caller only", async () => {
    const key = {};
    const failed = takeTurn(key, async () => {
      throw new Error("boom");
    });
    const after = takeTurn(key, async () => "ok");
    await expect(failed).rejects.toThrow("boom");
    await expect(after).resolves.toBe("ok");
  });

  it("lets reads run while the turn is lent, and nothing else until they are done", async () => {
    const key = {};
    const order: string[] = [];
    const lend = deferred();
    const lent = lendTurn(key, async () => {
      await lend.done;
      order.push("lend ends");
    });
    const write = takeTurn(key, async () => void order.push("write"));
    const quick = await readTurn(key, async () => (order.push("read while lent"), 1), true);
    expect(quick).toBe(1);
    const slowRead = deferred();
    const slow = readTurn(key, async () => {
      await slowRead.done;
      order.push("slow read ends");
    });
    lend.release();
    await lent;
    // The lend is over, but the write waits for the read that started during it.
    await new Promise((r) => setImmediate(r));
    expect(order).toEqual(["read while lent", "lend ends"]);
    slowRead.release();
    await Promise.all([slow, write]);
    expect(order).toEqual(["read while lent", "lend ends", "slow read ends", "write"]);
  });

  it("queues a read like any turn when the running turn is not lent", async () => {
    const key = {};
    const order: string[] = [];
    const hold = deferred();
    const running = takeTurn(key, async () => {
      await hold.done;
      order.push("transaction");
    });
    const read = readTurn(key, async () => void order.push("read"));
    await new Promise((r) => setImmediate(r));
    expect(order).toEqual([]);
    hold.release();
    await Promise.all([running, read]);
    expect(order).toEqual(["transaction", "read"]);
  });
});
