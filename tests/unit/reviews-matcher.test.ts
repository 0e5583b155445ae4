import { describe, expect, it } from "vitest";
import { DEFAULT_KEYWORDS } from "../../src/features/reviews/defaults.ts";
import { Matcher } from "../../src/features/reviews/matcher.ts";
import { classify, languageOf } from "../../src/features/reviews/rules.ts";

const m = new Matcher(DEFAULT_KEYWORDS.map(([word, category, severity]) => ({ word, category, severity })));
const words = (text: string) =>
  m
    .match(text)
    .map((h) => h.word)
    .sort();

describe("review keywords on real-looking reviews", () => {
  it("hits simplified and traditional alike", () => {
    expect(words("杯子收到就破损了，我要退款！")).toEqual(["破损", "退款"]);
    expect(words("杯子收到就破損了，我要退款！")).toEqual(["破损", "退款"]);
    expect(words("客服態度惡劣，已經打12315投訴")).toEqual(["12315", "态度恶劣", "投诉"]);
  });
  it("ignores case and full-width forms", () => {
    expect(words("ＲＥＦＵＮＤ please, the item is BROKEN")).toEqual(["broken", "refund"]);
    expect(words("已打１２３１５")).toEqual(["12315"]);
  });
  it("does not count a negated word", () => {
    expect(words("质量不是很差，物流也不慢")).toEqual([]);
    expect(words("Not bad at all, fast delivery")).toEqual([]);
    expect(words("This is bad.")).toEqual(["bad"]);
    expect(words("It was not broken, but the color is wrong color")).toEqual(["wrong color"]);
  });
  it("matches whole English words only", () => {
    expect(words("Nice badge and a refundable deposit")).toEqual([]);
  });
  it("classifies causes, severity and language", () => {
    const r = classify(1, m.match("发货慢，等了十天还没收到，客服不理人"));
    expect(r).toEqual({ negative: true, causes: ["logistics", "service_attitude"], severity: "warning" });
    expect(classify(2, m.match("一般般"))).toEqual({ negative: true, causes: ["other"], severity: null });
    expect(classify(5, m.match("很好用，推荐"))).toEqual({ negative: false, causes: [], severity: null });
    expect(classify(1, m.match("用了过敏，皮肤红肿")).severity).toBe("critical");
    expect(classify(3, m.match("Item not as described, I want a refund")).causes).toEqual(["not_as_described"]);
    expect([languageOf("杯子破了"), languageOf("cup broke")]).toEqual(["zh-CN", "en"]);
  });

  // The common negators, in simplified and traditional script and in English: the word after
  // them is not a hit. Beside each, a sentence where the same word does count.
  const NEGATED: [string, string][] = [
    ["不用投诉了，已经解决", "我要投诉"],
    ["不用投訴了，已經解決", "我要投訴"],
    ["无需退款，换一个就好", "我要退款"],
    ["無需退款，換一個就好", "我要退款"],
    ["并不是假货，放心", "这是假货"],
    ["並不是假貨，放心", "這是假貨"],
    ["没有破损，包装很好", "收到就破损了"],
    ["沒有破損，包裝很好", "收到就破損了"],
    ["不必投诉，客服已处理", "必须投诉"],
    ["从不破损的好包装", "又破损了"],
    ["毫无破损", "有破损"],
    ["未破损", "已破损"],
    ["No need to complain, they fixed it", "I will file a complaint"],
    ["It is not fake", "It is fake"],
    ["never broken in a year", "broken in a week"],
    ["arrived without any damage, not broken", "arrived broken"],
  ];
  it.each(NEGATED)("negation table: “%s” has no hit, “%s” has one", (negated, plain) => {
    expect(words(negated)).toEqual([]);
    expect(words(plain)).not.toEqual([]);
  });

  it("lowers the severity of a happy customer's words: 4 and 5 stars are one level lower", () => {
    const hits = m.match("假货");
    expect(classify(1, hits).severity).toBe("critical");
    expect(classify(3, hits).severity).toBe("critical");
    expect(classify(5, hits).severity).toBe("warning");
    expect(classify(4, m.match("收到就破损了")).severity).toBe("notice");
    // "不用投诉" on a 5-star review (the case that raised a critical alert): nothing at all.
    expect(classify(5, m.match("非常好，不用投诉"))).toEqual({ negative: false, causes: [], severity: null });
  });

  it("reads a refund for its cause: a slow refund is slow after-sales, a broken product quality; only the causeless stay other", () => {
    const cause = (rating: number, text: string) => classify(rating, m.match(text), text).causes;
    expect(cause(1, "申请退款一周了还没到账")).toEqual(["slow_after_sales"]);
    expect(cause(1, "杯子漏水，我要退款")).toEqual(["quality"]);
    expect(cause(1, "和描述不符，要求退款")).toEqual(["not_as_described"]);
    expect(cause(2, "Refund still not processed after two weeks")).toEqual(["slow_after_sales"]);
    expect(cause(1, "我要退款")).toEqual(["other"]);
    expect(cause(5, "很好")).toEqual([]);
  });
});
