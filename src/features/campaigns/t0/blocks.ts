// The war-room card and a T0 alert (a runbook's card: runbook/blocks.ts), in one language each (the channel's or the
// reader's). User and webhook text (names, SKUs, channels) is escaped by t().
import { spokenDuration } from "../../../infra/duration.ts";
import type { KnownBlock } from "@slack/types";
import type { Translator } from "../../../infra/i18n.ts";
import { fileRef } from "../../../outbox/message.ts";
import type { MessageBody } from "../../../outbox/message.ts";
import type { Figures } from "./figures.ts";
import { sparkline, type Finding } from "./plan.ts";
import { T0_ACK, T0_ACTION, T0_RUNBOOK } from "./ids.ts";

export const money = (n: number) => `¥${Math.round(n).toLocaleString("en-US")}`;
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const change = (now: number, before: number) =>
  before > 0 ? `${now >= before ? "+" : ""}${(((now - before) / before) * 100).toFixed(1)}%` : "–";
const hh = (h: number) => `${String(h).padStart(2, "0")}:00`;
const section = (text: string): KnownBlock => ({ type: "section", text: { type: "mrkdwn", text } });
const sum = (xs: readonly (number | undefined)[]) => xs.reduce<number>((a, b) => a + (b ?? 0), 0);

export interface CardMeta {
  name: string;
  number: number;
  everyMs: number;
  updated: string;
  stale: boolean;
  ended: boolean;
  /** The hourly curve uploaded as a picture (its outbox row); without, a text sparkline. */
  chart?: string;
}

export function warRoomCard(t: Translator, f: Figures, m: CardMeta): MessageBody {
  const title = t("t0.card.title", { name: m.name, store: f.store });
  const blocks: KnownBlock[] = [{ type: "header", text: { type: "plain_text", text: title.slice(0, 150) } }];
  const last = f.last;
  if (m.stale) blocks.push(section(t("t0.card.stale", { hour: last === undefined ? hh(0) : hh(last + 1) })));
  if (last === undefined) blocks.push(section(t("t0.card.noData")));
  else {
    const upto = (xs: readonly (number | undefined)[]) => sum(xs.slice(0, last + 1));
    const gmv = upto(f.hours.map((h) => h?.gmv));
    const plan = upto(f.plan);
    const lines = [
      f.dayPlan > 0
        ? t("t0.card.gmv", {
            gmv: money(gmv),
            hour: hh(last + 1),
            plan: money(plan),
            pct: plan > 0 ? pct(gmv / plan) : "–",
            dayPlan: money(f.dayPlan),
            dayPct: pct(gmv / f.dayPlan),
          })
        : t("t0.card.noPlan", { gmv: money(gmv), number: m.number }),
    ];
    if (f.previous) {
      const prev = upto(f.previous.hours.map((h) => h?.gmv));
      lines.push(
        t("t0.card.vsPrev", {
          prev: f.previous.name,
          prevDate: f.previous.date,
          hour: hh(last + 1),
          gmv: money(prev),
          change: change(gmv, prev),
        }),
      );
    }
    blocks.push(section(lines.join("\n")));
    const max = Math.max(...f.hours.map((h) => h?.gmv ?? 0), ...f.plan);
    const shown = f.hours.map((h, i) => (i <= last ? (h?.gmv ?? 0) : undefined));
    blocks.push(
      m.chart
        ? ({ type: "image", slack_file: { id: fileRef(m.chart) }, alt_text: t("t0.card.chartAlt") } as KnownBlock)
        : section(`${t("t0.card.chart")}\n\`\`\`${sparkline(shown, max)}\n${sparkline(f.plan, max)}\`\`\``),
    );
    const now = f.hours[last]!;
    const before = last > 0 ? f.hours[last - 1] : undefined;
    const cr = now.uv > 0 ? now.buyers / now.uv : 0;
    const crBefore = before && before.uv > 0 ? before.buyers / before.uv : undefined;
    const crChange =
      crBefore === undefined ? "–" : `${cr >= crBefore ? "+" : "−"}${Math.abs((cr - crBefore) * 100).toFixed(2)} pt`;
    blocks.push(
      section(
        t("t0.card.lastHour", {
          from: hh(last),
          to: hh(last + 1),
          uv: now.uv.toLocaleString("en-US"),
          uvChange: before ? change(now.uv, before.uv) : "–",
          cr: pct(cr),
          crChange,
        }),
      ),
    );
  }
  const list = (xs: { key: string; gmv: number }[]) =>
    xs.length ? xs.map((x) => `${x.key} ${money(x.gmv)}`).join(", ") : "–";
  blocks.push(section(t("t0.card.top", { skus: list(f.topSkus), channels: list(f.topChannels) })));
  blocks.push(
    section(
      [
        t("t0.card.cs", { cases: f.openCases, reviews: f.criticalReviews }),
        f.level ? t("t0.card.level", { level: t(`t0.level.${f.level}`) }) : t("t0.card.levelNone"),
      ].join("\n"),
    ),
  );
  const foot = m.ended
    ? t("t0.card.ended", { time: m.updated })
    : t("t0.card.updated", { time: m.updated, every: spokenDuration(m.everyMs, t.locale) });
  blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: foot }] });
  return { text: title, blocks };
}

export function findingText(t: Translator, f: Finding, c: { name: string; number: number; store: string }): string {
  const level = t(`t0.level.${f.level}`);
  if (f.rule === "gmv_under_plan") {
    const hours = f.hours
      .map((x) =>
        t("t0.alert.gmvHour", {
          from: hh(x.hour),
          to: hh(x.hour + 1),
          actual: money(x.actual),
          plan: money(x.plan),
          short: pct(x.short),
        }),
      )
      .join("; ");
    return t("t0.alert.gmv", { level, name: c.name, number: c.number, store: c.store, hours });
  }
  return t("t0.alert.conversion", {
    level,
    name: c.name,
    number: c.number,
    store: c.store,
    cr: pct(f.conversion),
    before: pct(f.before),
    uv: f.uv.toLocaleString("en-US"),
    uvBefore: f.uvBefore.toLocaleString("en-US"),
    from: hh(f.hour),
    to: hh(f.hour + 1),
  });
}

export function alertMessage(
  t: Translator,
  text: string,
  o: {
    alertId: string;
    version: number;
    campaignId: string;
    runbooks: { key: string; title: string }[];
    footer?: string;
  },
): MessageBody {
  const blocks: KnownBlock[] = [section(text)];
  // Once acknowledged, the card says by whom and keeps what comes next: a runbook, an action.
  if (o.footer) blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: o.footer }] });
  const runbooks = o.runbooks.length
    ? [
        {
          type: "static_select" as const,
          action_id: T0_RUNBOOK,
          placeholder: { type: "plain_text" as const, text: t("t0.alert.runbook") },
          options: o.runbooks.map((r) => ({
            text: { type: "plain_text" as const, text: r.title.slice(0, 75) },
            value: `${o.campaignId}:${r.key}:${o.alertId}`,
          })),
        },
      ]
    : [];
  const ack = {
    type: "button" as const,
    action_id: T0_ACK,
    text: { type: "plain_text" as const, text: t("t0.alert.ack") },
    style: "primary" as const,
    value: `${o.alertId}.${o.version}`,
  };
  const action = {
    type: "button" as const,
    action_id: T0_ACTION,
    text: { type: "plain_text" as const, text: t("t0.alert.action") },
    value: o.alertId,
  };
  blocks.push({ type: "actions", elements: [...(o.footer ? [] : [ack]), ...runbooks, action] });
  return { text, blocks };
}
