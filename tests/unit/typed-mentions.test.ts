// A typed `@name` / `#channel` reaches the bot the way Slack delivers it.
import { describe, expect, it } from "vitest";
import { escapeTyped } from "../../src/sandbox/standin/typed-mentions.ts";

const people = [
  { id: "U0MGR", name: "david", realName: "David Park" },
  { id: "U0DAV", name: "dav" },
  { id: "U0LEAD", name: "wang.lei", realName: "王磊 Wang Lei" },
];
const channels = [
  { id: "C0PROMO", name: "promo-double11" },
  { id: "C0PROMOX", name: "promo" },
  { id: "D0LEAD", name: "wang.lei", dmWith: "U0LEAD" },
];

describe("escapeTyped", () => {
  it("escapes a command's people and channels with their names, the longest name first", () => {
    expect(escapeTyped("role purchasing @David Park", people, channels, true)).toBe("role purchasing <@U0MGR|david>");
    expect(escapeTyped("new 双11大促 2027-11-11 #promo-double11 double11", people, channels, true)).toBe(
      "new 双11大促 2027-11-11 <#C0PROMO|promo-double11> double11",
    );
    expect(escapeTyped("@dav and @david", people, channels, true)).toBe("<@U0DAV|dav> and <@U0MGR|david>");
    expect(escapeTyped("@王磊 Wang Lei，请看", people, channels, true)).toBe("<@U0LEAD|wang.lei>，请看");
  });

  it("writes a message's mentions without the name, as Slack does", () => {
    expect(escapeTyped("ask @david in #promo", people, channels, false)).toBe("ask <@U0MGR> in <#C0PROMOX|promo>");
  });

  it("leaves alone what isn't a mention: unknown names, e-mail addresses, SKUs, escaped text, DMs", () => {
    for (const t of [
      "@nobody #nowhere",
      "mail david@shop.cn",
      "SKU A#promo",
      "<@U0MGR|david> <#C0PROMO|promo-double11>",
      "#wang.lei",
      "@davidson",
    ])
      expect(escapeTyped(t, people, channels, true)).toBe(t);
  });
});
