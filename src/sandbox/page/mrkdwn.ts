// Slack's mrkdwn to HTML, for the sandbox page: <@U…>, <#C…>, <!here>, <url|text>, *bold*,
// _italic_, ~strike~, `code`, ```blocks```, > quotes, :emoji:, and Slack's escaped &amp; &lt; &gt;
// (which stay text). Everything else is shown as written, HTML-escaped.

export interface Names {
  person(id: string): string | undefined;
  channel(id: string): string | undefined;
}

const html = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
const slackText = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

const EMOJI: Record<string, string> = {
  white_check_mark: "✅",
  warning: "⚠️",
  rotating_light: "🚨",
  red_circle: "🔴",
  large_yellow_circle: "🟡",
  tada: "🎉",
  bar_chart: "📊",
  mega: "📣",
  newspaper: "📰",
  alarm_clock: "⏰",
  hourglass: "⏳",
  star: "⭐",
  no_entry_sign: "🚫",
  arrow_right: "➡️",
  pushpin: "📌",
  receipt: "🧾",
  stopwatch: "⏱",
  double_vertical_bar: "⏸",
};

/** Inline formatting on text that is already HTML-escaped. */
function inline(s: string): string {
  return s
    .replace(/`([^`\n]+)`/g, (_m, c: string) => `<code>${c}</code>`)
    .replace(/(^|[\s(>])\*([^*\n]+)\*(?=$|[\s).,;:!?<])/g, "$1<b>$2</b>")
    .replace(/(^|[\s(>])_([^_\n]+)_(?=$|[\s).,;:!?<])/g, "$1<i>$2</i>")
    .replace(/(^|[\s(>])~([^~\n]+)~(?=$|[\s).,;:!?<])/g, "$1<s>$2</s>")
    .replace(/:([a-z0-9_+-]+):/g, (m, name: string) => EMOJI[name] ?? m);
}

/** One piece between Slack's angle brackets, as HTML. */
function token(inside: string, names: Names): string {
  const [target, label] = inside.split("|", 2) as [string, string | undefined];
  if (target.startsWith("@")) {
    const id = target.slice(1);
    return `<span class="mention" data-user="${html(id)}">@${html(label ?? names.person(id) ?? id)}</span>`;
  }
  if (target.startsWith("#")) {
    const id = target.slice(1);
    return `<span class="mention channel" data-channel="${html(id)}">#${html(label ?? names.channel(id) ?? id)}</span>`;
  }
  if (target.startsWith("!subteam^"))
    return `<span class="mention">@${html(label?.replace(/^@/, "") ?? target.slice(9))}</span>`;
  if (target.startsWith("!")) return `<span class="mention broadcast">@${html(target.slice(1))}</span>`;
  const href = slackText(target);
  const safe = /^(https?:|mailto:)/i.test(href) ? href : "#";
  return `<a href="${html(safe)}" target="_blank" rel="noreferrer noopener">${html(label ? slackText(label) : href)}</a>`;
}

/** mrkdwn as HTML. Code blocks keep their text; quotes become blockquotes. */
export function mrkdwn(text: string, names: Names): string {
  const out: string[] = [];
  const parts = text.split(/```/);
  parts.forEach((part, i) => {
    if (i % 2 === 1) {
      out.push(`<pre>${html(slackText(part.replace(/^\n/, "")))}</pre>`);
      return;
    }
    const lines = part.split("\n").map((line) => {
      const quote = /^&gt;\s?|^>\s?/.exec(line);
      const body = quote ? line.slice(quote[0].length) : line;
      // Mentions and links become placeholders first, so that *bold* or ~strike~ spanning a
      // mention (a ticked checklist item) is formatted as Slack formats it.
      const tokens: string[] = [];
      const marked = body.replace(
        /<([^<>]+)>/g,
        (_m, inside: string) => `\uE000${tokens.push(token(inside, names)) - 1}\uE001`,
      );
      const rendered = inline(html(slackText(marked))).replace(
        /\uE000(\d+)\uE001/g,
        (_m, i: string) => tokens[Number(i)]!,
      );
      return quote ? `<blockquote>${rendered || "&nbsp;"}</blockquote>` : rendered;
    });
    out.push(lines.join("<br>").replace(/<\/blockquote><br><blockquote>/g, "<br>"));
  });
  return out.join("");
}

/** plain_text objects: shown as written. */
export const plain = (text: string): string => html(text);
