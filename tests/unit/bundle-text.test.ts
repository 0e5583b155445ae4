// The bundles `npm start` runs are ASCII: V8 keeps a script's source for the life of the process,
// one byte a character only when every character fits in one (scripts/ascii.mjs escapes the rest,
// scripts/build.mjs applies it). The test run's global setup has just built dist/.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { asciiOnly } from "../../scripts/ascii.mjs";

const evaluate = (source: string) => new Function(`return ${source}`)() as unknown;

describe("the built bundles", () => {
  it("hold no character past ASCII, so their source stays one byte a character in memory", () => {
    const dist = new URL("../../dist/", import.meta.url);
    const bundles = readdirSync(dist).filter((f) => f.endsWith(".js"));
    expect(bundles).toContain("main.js");
    const wide = bundles.filter((f) => /[^\t\n\r -~]/.test(readFileSync(new URL(f, dist), "utf8")));
    expect(wide).toEqual([]);
  });

  it("mean the same once escaped: regular expressions (with and without /u), strings, templates", () => {
    const sources = [
      String.raw`/(不|没有|並不)$/.test("我没有")`,
      String.raw`/^[一-龥]+，好评$/u.test("质量，好评")`,
      String.raw`/[😀-😂]/u.test("好😁")`,
      String.raw`/^.$/u.test("😁")`,
      String.raw`"双11 ¥1,234 – 12.3%".length`,
      "`差评：${'慢'}`",
    ];
    for (const s of sources) {
      const escaped = asciiOnly(s);
      expect(escaped, s).toMatch(/^[\t\n\r -~]*$/);
      expect(evaluate(escaped), s).toEqual(evaluate(s));
    }
    expect(evaluate(asciiOnly(String.raw`/(不|没有|並不)$/.test("我没有")`))).toBe(true);
  });

  it("refuses a backslash before a wide character rather than change what it means", () => {
    expect(() => asciiOnly(String.raw`/\。/`, "x.js")).toThrow("x.js");
  });
});
