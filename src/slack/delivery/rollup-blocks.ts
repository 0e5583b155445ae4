// Block Kit of a roll-up: pure functions from what it holds to a message. The parent says how
// many, names the most urgent, and offers to post them one by one; a page lists items in order.
import type { ActionsBlockElement, KnownBlock } from "@slack/types";
import type { MessageKey, Params } from "../../infra/i18n.ts";
import type { MessageBody } from "../../outbox/message.ts";

export const ROLLUP_POST_ALL = "rollup.post_all";
export const ROLLUP_POST_ONE = "rollup.post_one";

export interface Line {
  /** The outbox id of the folded message. */
  id: string;
  rank: number;
  /** Still folded (not posted on request yet). */
  folded: boolean;
  /** mrkdwn, with people named and never pinged. */
  text: string;
}

type T = (key: MessageKey, params?: Params) => string;

const md = (text: string) => ({ type: "mrkdwn" as const, text });
const plain = (text: string) => ({ type: "plain_text" as const, text, emoji: true });

/** Lines in sections of at most 3,000 characters (Slack's limit for a section's text). */
function sections(lines: string[]): KnownBlock[] {
  const out: KnownBlock[] = [];
  let cur = "";
  for (const l of lines) {
    const piece = l.length > 2900 ? `${l.slice(0, 2899)}…` : l;
    if (cur && cur.length + 1 + piece.length > 2900) {
      out.push({ type: "section", text: md(cur) });
      cur = "";
    }
    cur = cur ? `${cur}\n${piece}` : piece;
  }
  if (cur) out.push({ type: "section", text: md(cur) });
  return out;
}

/** A line as plain text for a menu option (at most 75 characters). */
const optionText = (line: string) => {
  const s = line
    .replace(/[*_~`]/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
  return s.length > 75 ? `${s.slice(0, 74)}…` : s;
};

export interface RollupView {
  rollupId: string;
  /** Escaped already. */
  title: string;
  urgent: number;
  /** Who the roll-up calls (<@U…>, <!subteam^…>): the sender keeps them within the mention budget. */
  mentions: string;
  lines: Line[];
  more: number;
  /** Items that can still be posted on their own, the most urgent first. */
  choices: Line[];
}

export function rollupBlocks(t: T, v: RollupView): MessageBody {
  const head = [`*${v.title}*`, v.urgent > 0 ? ` · ${t("rollup.urgent", { n: v.urgent })}` : ""].join("");
  const blocks: KnownBlock[] = [{ type: "section", text: md(v.mentions ? `${head}\n${v.mentions}` : head) }];
  blocks.push(...sections(v.lines.map((l) => `• ${l.text}`)));
  if (v.more > 0) blocks.push({ type: "context", elements: [md(t("rollup.more", { n: v.more }))] });
  const actions: ActionsBlockElement[] = [];
  if (v.choices.length) {
    const n = v.choices.length;
    actions.push({
      type: "button",
      action_id: ROLLUP_POST_ALL,
      text: plain(t("rollup.postAll")),
      value: v.rollupId,
      confirm: {
        title: plain(t("rollup.postAll.title")),
        text: md(
          t("rollup.postAll.text", {
            n: Math.max(n, v.more),
            minutes: Math.max(1, Math.ceil(Math.max(n, v.more) / 60)),
          }),
        ),
        confirm: plain(t("rollup.postAll.yes")),
        deny: plain(t("rollup.postAll.no")),
      },
    });
    actions.push({
      type: "static_select",
      action_id: ROLLUP_POST_ONE,
      placeholder: plain(t("rollup.postOne")),
      options: v.choices.map((c) => ({ text: plain(optionText(c.text)), value: c.id })),
    });
  }
  if (actions.length) blocks.push({ type: "actions", block_id: `rollup:${v.rollupId}`, elements: actions });
  const fallback = [head, ...v.lines.map((l) => `• ${l.text}`), v.more > 0 ? t("rollup.more", { n: v.more }) : ""];
  return { text: fallback.filter(Boolean).join("\n").slice(0, 39_000), blocks };
}

export function pageBlocks(
  t: T,
  v: { title: string; from: number; to: number; count: number; lines: Line[] },
): MessageBody {
  const range = t("rollup.page", { from: v.from, to: v.to, count: v.count });
  const rows = v.lines.map((l) => `• ${l.text}`);
  const blocks: KnownBlock[] = [{ type: "context", elements: [md(`*${v.title}* · ${range}`)] }, ...sections(rows)];
  return { text: [`${v.title} · ${range}`, ...rows].join("\n").slice(0, 39_000), blocks: blocks.slice(0, 50) };
}
