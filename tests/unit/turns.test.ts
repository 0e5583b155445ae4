// SQLite's one connection takes turns; what a request needs before its ack goes first.
import { describe, expect, it } from "vitest";
import { takeTurn } from "../../src/infra/db/turns.ts";

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
});
