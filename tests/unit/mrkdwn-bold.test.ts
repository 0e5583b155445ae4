// Slack's mrkdwn bolds *text* only at a word boundary: the opening * must follow the start, a
// space, "(" or ">", and the closing * must come before the end, a space or ASCII punctuation.
// Chinese punctuation right after the closing * ("*按原因*：") is no boundary: Slack (and the
// sandbox page, which renders mrkdwn the same way) shows the asterisks. Every message in both
// catalogues keeps to the rule.
import { describe, expect, it } from "vitest";
import { en } from "../../src/i18n/en.ts";
import { zhCN } from "../../src/i18n/zh-CN.ts";

/** The bold spans of a template that Slack would not render as bold. */
export function unrenderedBold(text: string): string[] {
  const bad: string[] = [];
  for (const line of text.split("\n")) {
    for (const m of line.matchAll(/\*([^*\n]+)\*/g)) {
      const before = line[m.index! - 1] ?? "";
      const after = line[m.index! + m[0].length] ?? "";
      if ((before && !/[\s(>•·]/.test(before)) || (after && !/[\s).,;:!?<]/.test(after)))
        bad.push(`${before}${m[0]}${after}`);
    }
  }
  return bad;
}

describe("bold in both catalogues", () => {
  it("the rule sees the broken forms", () => {
    expect(unrenderedBold("*按原因*：质量")).toEqual(["*按原因*："]);
    expect(unrenderedBold("你是任务的*负责人*（明天截止）")).toEqual(["的*负责人*（"]);
    expect(unrenderedBold("*按原因：* 质量\n*Status*\nopen")).toEqual([]);
  });

  for (const [name, catalogue] of [
    ["en", en],
    ["zh-CN", zhCN],
  ] as const) {
    it(`renders every bold in ${name}`, () => {
      const broken = Object.entries(catalogue).flatMap(([key, text]) =>
        unrenderedBold(text).map((b) => `${key}: ${b}`),
      );
      expect(broken).toEqual([]);
    });
  }
});
