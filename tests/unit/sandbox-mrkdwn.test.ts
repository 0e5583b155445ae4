// The sandbox page's mrkdwn renderer: Slack's formatting, and hostile text kept as text.
import { describe, expect, it } from "vitest";
import { mrkdwn } from "../../src/sandbox/page/mrkdwn.ts";

const names = { person: (id: string) => ({ U1: "王磊" })[id], channel: (id: string) => ({ C1: "ops" })[id] };

describe("the sandbox page's mrkdwn", () => {
  it("formats like Slack, including a strike across a mention (a ticked checklist item)", () => {
    expect(mrkdwn("~✅ 确定主题 · <@U1> · 2027-10-12~", names)).toBe(
      '<s>✅ 确定主题 · <span class="mention" data-user="U1">@王磊</span> · 2027-10-12</s>',
    );
    expect(mrkdwn("*bold* _it_ `code` in <#C1>", names)).toBe(
      '<b>bold</b> <i>it</i> <code>code</code> in <span class="mention channel" data-channel="C1">#ops</span>',
    );
    expect(mrkdwn("> quoted\nplain :white_check_mark:", names)).toBe("<blockquote>quoted</blockquote><br>plain ✅");
  });

  it("keeps hostile text as text: HTML, javascript: links, Slack-escaped brackets", () => {
    expect(mrkdwn("<script>alert(1)</script>", names)).not.toContain("<script>");
    expect(mrkdwn("&lt;img src=x onerror=alert(1)&gt;", names)).toBe("&lt;img src=x onerror=alert(1)&gt;");
    expect(mrkdwn("<javascript:alert(1)|click>", names)).toBe(
      '<a href="#" target="_blank" rel="noreferrer noopener">click</a>',
    );
    expect(mrkdwn('<https://x.test/?a="b"|x>', names)).toContain('href="https://x.test/?a=&quot;b&quot;"');
  });
});
