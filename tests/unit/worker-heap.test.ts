// The file reader's thread gets V8's default young generation while the main thread keeps the small
// one `npm start` gives it, and threads made afterwards get the small one again.
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";

describe("a worker with the default young generation", () => {
  it("is made with it under --max-semi-space-size=2, and the flag is put back for the next", () => {
    const out = execFileSync(
      process.execPath,
      ["--max-semi-space-size=2", "--import", "tsx", "tests/support/young-generation.ts"],
      { encoding: "utf8" },
    );
    const { main, raised, plain } = JSON.parse(out) as { main: number; raised: number; plain: number };
    // Two halves of the young generation: 2 × 2 MB with the flag, 2 × 16 MB by default.
    expect(main).toBe(4);
    expect(plain).toBe(4);
    expect(raised).toBe(32);
  });
});
