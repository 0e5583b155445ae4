// What the war room says, and where: its card (posted once, then edited in place), an hourly
// alert in the room's channel and as a DM to everyone on duty, and an alert's card once handled.
// The services of T0 reach its Block Kit through here.
import { recordAction } from "../../../audit/audit.ts";
import type { Deps } from "../../../deps.ts";
import type { Db } from "../../../infra/db/db.ts";
import { newId } from "../../../infra/db/ids.ts";
import { translator, type Locale, type Translator } from "../../../infra/i18n.ts";
import { dialectOfClient, prismaExec } from "../../../infra/db/prisma-exec.ts";
import { channelLocale } from "../../../people/channels.ts";
import type { UserContext } from "../../../people/people.ts";
import type { Campaign, MetricAlert, WarRoom } from "../../../generated/prisma/client.ts";
import { alertMessage, findingText, warRoomCard } from "./blocks.ts";
import type { Figures } from "./figures.ts";
import type { Finding } from "./plan.ts";

/** The room's card: posted the first time, edited in place after; returns its message's id. */
export async function drawCard(
  tx: Db,
  deps: Deps,
  room: WarRoom,
  f: Figures,
  o: Omit<Parameters<typeof warRoomCard>[2], "chart"> & { chartPng?: Buffer },
): Promise<string> {
  const t = translator(await channelLocale(deps, room.channelId, tx));
  // The picture is uploaded first, in the card's lane, and the card shows it once Slack has it.
  const chart = o.chartPng
    ? (
        await deps.outbox.enqueue(tx, {
          kind: "file",
          channel: room.channelId,
          body: { text: "" },
          file: {
            filename: `t0-${room.store}-${f.day}.png`,
            title: t("t0.card.chartAlt"),
            altText: t("t0.card.chartAlt"),
            base64: o.chartPng.toString("base64"),
            share: false,
          },
        })
      ).id
    : undefined;
  const body = warRoomCard(t, f, { ...o, chart });
  if (room.messageId) {
    await deps.outbox.enqueue(tx, { kind: "update", targetId: room.messageId, body });
    return room.messageId;
  }
  const dedupeKey = `t0:${room.id}:card:${room.version}`;
  return (await deps.outbox.enqueue(tx, { kind: "post", channel: room.channelId, body, dedupeKey })).id;
}

/**
 * A warning or a critical alert goes before the news queued in its channel and DMs, as the
 * metrics feature's alerts do (metrics/blocks.ts alertNews): the war room's channel also carries
 * the promotion's stage news and checklist, sent at Slack's one post a second; a notice takes its
 * turn with them.
 */
const alertPriority = (level: Finding["level"]) => (level === "notice" ? ("news" as const) : ("urgent" as const));

export interface Raise {
  c: Campaign;
  room: WarRoom;
  f: Figures;
  finding: Finding;
  readers: Map<string, UserContext>;
  runbooks: (locale: Locale) => { key: string; title: string }[];
}

/** One alert per promotion, rule, store, day and level: the unique key makes a second raise a no-op. */
export async function raiseAlert(tx: Db, deps: Deps, r: Raise): Promise<void> {
  const { c, room, f, finding } = r;
  const id = newId();
  const metric = finding.rule === "gmv_under_plan" ? "gmv" : "conversion";
  const inserted = await prismaExec(tx, dialectOfClient(tx)).run(
    `INSERT INTO "MetricAlert" ("id", "rule", "metric", "store", "date", "level", "detail", "status", "createdAt", "version", "scope")
     VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?, 0, ?) ON CONFLICT ("rule", "metric", "store", "date", "level", "scope") DO NOTHING`,
    [
      id,
      `t0.${finding.rule}`,
      metric,
      f.store,
      f.day,
      finding.level,
      JSON.stringify({ campaignId: c.id, finding }),
      deps.clock.now(),
      // Each promotion's alerts are its own: two promotions on one store and day both hear of a dip.
      c.id,
    ],
  );
  if (inserted !== 1) return;
  const who = { name: c.name, number: c.number, store: f.store };
  const locale = await channelLocale(deps, room.channelId, tx);
  const ct = translator(locale);
  const priority = alertPriority(finding.level);
  const post = await deps.outbox.enqueue(tx, {
    kind: "post",
    channel: room.channelId,
    body: alertMessage(ct, findingText(ct, finding, who), {
      alertId: id,
      version: 0,
      campaignId: c.id,
      runbooks: r.runbooks(locale),
    }),
    dedupeKey: `t0:alert:${id}`,
    priority,
  });
  await tx.metricAlert.update({ where: { id }, data: { messageId: post.id } });
  for (const [userId, u] of r.readers) {
    await deps.outbox.enqueue(tx, {
      kind: "post",
      channel: userId,
      body: alertMessage(u.t, findingText(u.t, finding, who), {
        alertId: id,
        version: 0,
        campaignId: c.id,
        runbooks: r.runbooks(u.locale),
      }),
      dedupeKey: `t0:alert:${id}:dm:${userId}`,
      priority,
    });
  }
  await recordAction(tx, deps.clock, {
    actorId: null,
    feature: "promo",
    action: `t0_alert_${finding.rule}`,
    objectType: "alert",
    objectId: id,
    objectLabel: `#${c.number} ${c.name} ${f.store} ${f.day}`,
    after: finding.level,
    channel: room.channelId,
  });
}

/**
 * A T0 alert's card once acknowledged: who did, and the runbooks still to hand, so that the
 * next step (Open runbook) is there after the first (Acknowledge).
 */
export async function redrawT0Alert(
  tx: Db,
  deps: Deps,
  a: MetricAlert,
  o: {
    t: Translator;
    locale: Locale;
    text: string;
    campaignId: string;
    userId: string;
    runbooks: { key: string; title: string }[];
  },
): Promise<void> {
  if (!a.messageId) return;
  await deps.outbox.enqueue(tx, {
    kind: "update",
    targetId: a.messageId,
    body: alertMessage(o.t, o.text, {
      alertId: a.id,
      version: a.version + 1,
      campaignId: o.campaignId,
      runbooks: o.runbooks,
      footer: o.t("t0.alert.acked", { user: o.userId }),
    }),
  });
}

export { findingText };
