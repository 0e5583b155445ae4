// Every message is in one language. English messages carry no Chinese and Chinese messages no
// English words, outside `code` (commands and examples people type, which keep their data) and a
// short list of technical names that have no translation in the product (webhook, CSV columns).
import { describe, expect, it } from "vitest";
import { en } from "../../src/i18n/en.ts";
import { zhCN } from "../../src/i18n/zh-CN.ts";

const prose = (s: string) => s.replace(/`[^`]*`/g, " ").replace(/\{[^}]*\}|<[^>]*>/g, " ");
const CJK = /[\u4e00-\u9fff]/;
// Column names of the import files and command arguments, written as they must be typed.
const TECHNICAL = new Set([
  "webhook",
  "shopops",
  "builtin",
  "platform",
  "rating",
  "store",
  "channel",
  "orders",
  "buyers",
  "refunds",
  "text",
  "time",
  "date",
  "hour",
  "auto",
]);

describe("one language per message", () => {
  it("English messages have no Chinese outside code", () => {
    expect(Object.entries(en).filter(([, v]) => CJK.test(prose(v)))).toEqual([]);
  });

  it("Chinese messages have no English words outside code and technical names", () => {
    const english = new Set(Object.values(en).flatMap((v) => prose(v).match(/\b[a-z]{4,}\b/g) ?? []));
    const mixed = Object.entries(zhCN)
      .map(
        ([k, v]) =>
          [k, (prose(v).match(/\b[a-z]{4,}\b/g) ?? []).filter((w) => english.has(w) && !TECHNICAL.has(w))] as const,
      )
      .filter(([, words]) => words.length);
    expect(mixed).toEqual([]);
  });
});
