// The T0 war room: a card per live promotion, refreshed by a one-minute tick (a durable recurring
// timer, so replicas and restarts share it), and the hourly rules run at each refresh. A refresh
// is a conditional claim on the war room's row: two replicas ticking together refresh once.
import { TargetsShape } from "../rules.ts";
import { z } from "zod";
import { recordAction } from "../../../audit/audit.ts";
import type { Deps } from "../../../deps.ts";
import { claim } from "../../../infra/claim.ts";
import type { Db } from "../../../infra/db.ts";
import { formatDuration } from "../../../infra/duration.ts";
import { DomainError } from "../../../infra/errors.ts";
import { newId } from "../../../infra/ids.ts";
import { dialectOfClient, prismaExec } from "../../../infra/prisma-exec.ts";
import { storedOr } from "../../../infra/stored.ts";
import { formatWithZone, localTime, shiftDate, todayIn } from "../../../infra/time.ts";
import { translator, type Locale } from "../../../infra/i18n.ts";
import { channelLocale, channelTranslator } from "../../../people/channels.ts";
import { isAdmin, userContext, type UserContext } from "../../../people/people.ts";
import type { Campaign, WarRoom } from "../../../generated/prisma/client.ts";
import { findCampaign } from "../manage.ts";
import { alertMessage, findingText, warRoomCard } from "./blocks.ts";
import { t0Figures, type Figures } from "./figures.ts";
import {
  DEFAULT_THRESHOLDS,
  hourlyFindings,
  isStale,
  LEVELS,
  type Finding,
  type Thresholds as Levels,
} from "./plan.ts";
import { runbooksOf } from "./runbooks.ts";

export const JOB_T0_TICK = "promo.t0.tick";
export const DEFAULT_INTERVAL_MS = 10 * 60_000;
export const MIN_INTERVAL_MS = 60_000;

const Targets = TargetsShape;
const dayPlanOf = (c: Campaign) => storedOr(Targets, c.targets, {}).gmv ?? 0;
const thresholdsOf = (c: Campaign) => storedOr(Targets, c.targets, {}).t0Rules ?? DEFAULT_THRESHOLDS;
/** How often a room is redrawn: its interval, never faster than once a minute. */
const everyMs = (room: Pick<WarRoom, "intervalMs">) => Math.max(MIN_INTERVAL_MS, room.intervalMs);

/** The store to watch when nobody said: the one whose metrics arrived last. */
async function defaultStore(deps: Deps): Promise<string | undefined> {
  return (
    await deps.sql.get<{ store: string }>(`SELECT "store" FROM "MetricRow" ORDER BY "date" DESC, "hour" DESC LIMIT 1`)
  )?.store;
}

/** The day a room is about right now, or undefined when it isn't live. */
function liveDay(room: WarRoom, c: Campaign, now: Date): string | undefined {
  if (room.mode === "off" || c.status !== "active") return undefined;
  const today = todayIn(now, c.timeZone);
  if (room.mode === "on") return today;
  return today === c.eventDate ? today : undefined;
}

export interface StartWish {
  store?: string;
  intervalMs?: number;
  plan?: number;
}

export async function startWarRoom(
  deps: Deps,
  ref: string,
  actorId: string,
  w: StartWish,
): Promise<{ c: Campaign; room: WarRoom }> {
  const c = await findCampaign(deps, ref);
  if (c.ownerId !== actorId && !(await isAdmin(deps, actorId)))
    throw new DomainError("t0.error.notOwner", { owner: c.ownerId });
  const store =
    w.store ?? (await deps.db.warRoom.findUnique({ where: { campaignId: c.id } }))?.store ?? (await defaultStore(deps));
  if (!store) throw new DomainError("t0.error.noStore", { number: c.number });
  const now = deps.clock.now();
  const room = await deps.db.$transaction(async (tx) => {
    if (w.plan !== undefined) {
      const targets = { ...storedOr(Targets, c.targets, {}), gmv: w.plan };
      await tx.campaign.update({ where: { id: c.id }, data: { targets: JSON.stringify(targets) } });
    }
    const data = {
      store,
      channelId: c.channelId,
      mode: "on",
      day: todayIn(now, c.timeZone),
      ...(w.intervalMs ? { intervalMs: w.intervalMs } : {}),
      refreshedAt: null,
      endedAt: null,
    };
    const saved = await tx.warRoom.upsert({
      where: { campaignId: c.id },
      create: { campaignId: c.id, intervalMs: DEFAULT_INTERVAL_MS, createdAt: now, ...data },
      update: { ...data, version: { increment: 1 } },
    });
    await recordAction(tx, deps.clock, {
      actorId,
      feature: "promo",
      action: "warroom_on",
      objectType: "promotion",
      objectId: c.id,
      objectLabel: `#${c.number} ${c.name}`,
      after: `${store} ${formatDuration(saved.intervalMs)}${w.plan !== undefined ? ` plan ${w.plan}` : ""}`,
      channel: c.channelId,
    });
    return saved;
  });
  await refreshRoom(deps, room.id);
  return { c, room };
}

/** The day's GMV plan for T0 (the war room's "plan" line and the plan curve the rules use). */
export async function setDayPlan(deps: Deps, ref: string, actorId: string, plan: number): Promise<Campaign> {
  const c = await findCampaign(deps, ref);
  if (c.ownerId !== actorId && !(await isAdmin(deps, actorId)))
    throw new DomainError("t0.error.notOwner", { owner: c.ownerId });
  return deps.db.$transaction(async (tx) => {
    if (!(await claim(tx, "Campaign", { id: c.id, version: c.version })))
      throw new DomainError("promo.error.changed", { number: c.number });
    const before = storedOr(Targets, c.targets, {});
    const saved = await tx.campaign.update({
      where: { id: c.id },
      data: { targets: JSON.stringify({ ...before, gmv: plan }) },
    });
    await recordAction(tx, deps.clock, {
      actorId,
      feature: "promo",
      action: "t0_plan",
      objectType: "promotion",
      objectId: c.id,
      objectLabel: `#${c.number} ${c.name}`,
      before: before.gmv ?? null,
      after: plan,
      channel: c.channelId,
    });
    return saved;
  });
}

/** The team's own hourly thresholds for this promotion (shares under plan: notice, warning, critical). */
export async function setThresholds(deps: Deps, ref: string, actorId: string, th: Levels): Promise<Campaign> {
  const c = await findCampaign(deps, ref);
  if (c.ownerId !== actorId && !(await isAdmin(deps, actorId)))
    throw new DomainError("t0.error.notOwner", { owner: c.ownerId });
  if (!(th.notice > 0 && th.notice <= th.warning && th.warning <= th.critical && th.critical < 1))
    throw new DomainError("t0.error.rules", {
      value: `${th.notice * 100}% ${th.warning * 100}% ${th.critical * 100}%`,
    });
  return deps.db.$transaction(async (tx) => {
    if (!(await claim(tx, "Campaign", { id: c.id, version: c.version })))
      throw new DomainError("promo.error.changed", { number: c.number });
    const before = storedOr(Targets, c.targets, {});
    const saved = await tx.campaign.update({
      where: { id: c.id },
      data: { targets: JSON.stringify({ ...before, t0Rules: th }) },
    });
    const show = (x: Levels) => `${x.notice * 100}% ${x.warning * 100}% ${x.critical * 100}%`;
    await recordAction(tx, deps.clock, {
      actorId,
      feature: "promo",
      action: "t0_rules",
      objectType: "promotion",
      objectId: c.id,
      objectLabel: `#${c.number} ${c.name}`,
      before: show(before.t0Rules ?? DEFAULT_THRESHOLDS),
      after: show(th),
      channel: c.channelId,
    });
    return saved;
  });
}

export async function stopWarRoom(deps: Deps, ref: string, actorId: string): Promise<Campaign> {
  const c = await findCampaign(deps, ref);
  if (c.ownerId !== actorId && !(await isAdmin(deps, actorId)))
    throw new DomainError("t0.error.notOwner", { owner: c.ownerId });
  const room = await deps.db.warRoom.findUnique({ where: { campaignId: c.id } });
  await deps.db.$transaction(async (tx) => {
    if (room) await tx.warRoom.update({ where: { id: room.id }, data: { mode: "off", version: { increment: 1 } } });
    else
      await tx.warRoom.create({
        data: {
          campaignId: c.id,
          store: "",
          channelId: c.channelId,
          intervalMs: DEFAULT_INTERVAL_MS,
          mode: "off",
          day: c.eventDate,
          createdAt: deps.clock.now(),
        },
      });
    await recordAction(tx, deps.clock, {
      actorId,
      feature: "promo",
      action: "warroom_off",
      objectType: "promotion",
      objectId: c.id,
      objectLabel: `#${c.number} ${c.name}`,
      before: room?.mode ?? "auto",
      after: "off",
      channel: c.channelId,
    });
  });
  return c;
}

/** The minute tick: open today's rooms for promotions at T0, refresh the rooms that are due, end the ones whose day is over. */
export async function t0Tick(deps: Deps): Promise<void> {
  const now = deps.clock.now();
  // Promotions whose T0 is today somewhere (a day either side of UTC's), then exactly in their own zone.
  const utc = now.toISOString().slice(0, 10);
  const near = await deps.db.campaign.findMany({
    where: { status: "active", eventDate: { gte: shiftDate(utc, -1), lte: shiftDate(utc, 1) } },
    select: { id: true, eventDate: true, timeZone: true, channelId: true },
  });
  const atT0 = near.filter((c) => todayIn(now, c.timeZone) === c.eventDate);
  if (atT0.length) {
    const store = await defaultStore(deps);
    if (store) {
      const x = prismaExec(deps.db, dialectOfClient(deps.db));
      for (const c of atT0) {
        await x.run(
          `INSERT INTO "WarRoom" ("id", "campaignId", "store", "channelId", "intervalMs", "mode", "day", "createdAt", "version") VALUES (?, ?, ?, ?, ?, 'auto', ?, ?, 0) ON CONFLICT ("campaignId") DO NOTHING`,
          [newId(), c.id, store, c.channelId, DEFAULT_INTERVAL_MS, c.eventDate, now],
        );
      }
    }
  }
  // The tick is a timer row a minute; once an hour the ones over a day old go (their keys are
  // instants in the past, never planned again, so nothing can run twice for their absence).
  if (now.getUTCMinutes() === 0) {
    await deps.sql.run(
      `DELETE FROM "Timer" WHERE "ownerId" = ? AND "status" <> 'pending' AND "status" <> 'running' AND "finishedAt" < ?`,
      ["cron:promo.t0", new Date(now.getTime() - 86_400_000)],
    );
  }
  const rooms = await deps.db.warRoom.findMany({ where: { mode: { in: ["auto", "on"] }, endedAt: null } });
  for (const room of rooms) await refreshRoom(deps, room.id, { onlyIfDue: true });
}

/** Redraws the card (posting it the first time) and runs the hourly rules; ends an auto room after its day. */
export async function refreshRoom(deps: Deps, roomId: string, o: { onlyIfDue?: boolean } = {}): Promise<void> {
  const room = await deps.db.warRoom.findUnique({ where: { id: roomId } });
  const c = room && (await deps.db.campaign.findUnique({ where: { id: room.campaignId } }));
  if (!room || !c || room.endedAt) return;
  const now = deps.clock.now();
  const day = liveDay(room, c, now);
  const dayOver = room.mode === "auto" && !day && room.messageId !== null && todayIn(now, c.timeZone) > room.day;
  const due = !room.refreshedAt || now.getTime() - room.refreshedAt.getTime() >= everyMs(room) - 1000;
  if (!day && !dayOver) return;
  if (o.onlyIfDue && !due && !dayOver) return;
  const watched = day ?? room.day;
  const f = await t0Figures(deps.sql, c, { store: room.store, day: watched, dayPlan: dayPlanOf(c) });
  const hourEnd = (h: number) =>
    localTime(
      h >= 23 ? shiftDate(watched, 1) : watched,
      h >= 23 ? "00:00" : `${String(h + 1).padStart(2, "0")}:00`,
      c.timeZone,
    );
  const stale = !dayOver && isStale(f.last, now, room.intervalMs, hourEnd);
  const findings = f.last !== undefined ? hourlyFindings(f.hours, f.plan, f.last, thresholdsOf(c)) : [];
  // The card shows the level the alerts raised in this same refresh.
  f.level = [...LEVELS].reverse().find((l) => l === f.level || findings.some((x) => x.level === l));
  // Readers are looked up before the transaction (a lookup inside it would wait for it on SQLite).
  const onDuty = await onDutyPeople(deps, c);
  const readers = new Map(await Promise.all(onDuty.map(async (u) => [u, await userContext(deps, u)] as const)));
  const runbooks = await runbooksOf(deps.db, c);
  await deps.db.$transaction(async (tx) => {
    if (!(await claim(tx, "WarRoom", { id: room.id, version: room.version }))) return;
    const t = await channelTranslator(deps, room.channelId, tx);
    const every = formatDuration(everyMs(room));
    const body = warRoomCard(t, f, {
      name: c.name,
      number: c.number,
      every,
      updated: formatWithZone(now, c.timeZone, "HH:mm"),
      stale,
      ended: dayOver,
    });
    let messageId = room.messageId;
    if (messageId) await deps.outbox.enqueue(tx, { kind: "update", targetId: messageId, body });
    else
      messageId = (
        await deps.outbox.enqueue(tx, {
          kind: "post",
          channel: room.channelId,
          body,
          dedupeKey: `t0:${room.id}:card:${room.version}`,
        })
      ).id;
    await tx.warRoom.update({
      where: { id: room.id },
      data: { messageId, refreshedAt: now, day: watched, ...(dayOver ? { endedAt: now } : {}) },
    });
    for (const finding of findings)
      await raise(tx, deps, {
        c,
        room,
        f,
        finding,
        readers,
        runbooks: (l) => runbooks.map((r) => ({ key: r.key, title: r.title[l] })),
      });
  });
}

/** Who is on duty at T0: the promotion's owner and the owners of its T0 checklist items. */
async function onDutyPeople(deps: Deps, c: Campaign): Promise<string[]> {
  const items = await deps.db.campaignItem.findMany({
    where: { campaignId: c.id, stage: "T0" },
    select: { ownerId: true },
  });
  return [...new Set([c.ownerId, ...items.map((i) => i.ownerId)])].filter((u) => /^[UW][A-Z0-9]+$/.test(u));
}

interface Raise {
  c: Campaign;
  room: WarRoom;
  f: Figures;
  finding: Finding;
  readers: Map<string, UserContext>;
  runbooks: (locale: Locale) => { key: string; title: string }[];
}

/** One alert per rule, store, day and level: the unique key makes a second raise a no-op. */
async function raise(tx: Db, deps: Deps, r: Raise): Promise<void> {
  const { c, room, f, finding } = r;
  const id = newId();
  const metric = finding.rule === "gmv_under_plan" ? "gmv" : "conversion";
  const inserted = await prismaExec(tx, dialectOfClient(tx)).run(
    `INSERT INTO "MetricAlert" ("id", "rule", "metric", "store", "date", "level", "detail", "status", "createdAt", "version") VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?, 0) ON CONFLICT ("rule", "metric", "store", "date", "level") DO NOTHING`,
    [
      id,
      `t0.${finding.rule}`,
      metric,
      f.store,
      f.day,
      finding.level,
      JSON.stringify({ campaignId: c.id, finding }),
      deps.clock.now(),
    ],
  );
  if (inserted !== 1) return;
  const who = { name: c.name, number: c.number, store: f.store };
  const locale = await channelLocale(deps, room.channelId, tx);
  const ct = translator(locale);
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

export async function acknowledgeT0(
  deps: Deps,
  ref: { alertId: string; seen: number },
  userId: string,
): Promise<{ ok: true } | { ok: false; status: string }> {
  const a = await deps.db.metricAlert.findUnique({ where: { id: ref.alertId } });
  if (!a || !a.rule.startsWith("t0.")) return { ok: false, status: "gone" };
  // Everything the new card needs is read before the transaction (SQLite has one connection).
  const detail = storedOr(z.object({ campaignId: z.string(), finding: z.unknown() }), a.detail, {
    campaignId: "",
    finding: null,
  });
  const c = await deps.db.campaign.findUnique({ where: { id: detail.campaignId } });
  const channel = a.messageId
    ? (await deps.db.outboxMessage.findUnique({ where: { id: a.messageId } }))?.channel
    : undefined;
  const t = await channelTranslator(deps, channel ?? c?.channelId ?? "");
  const text =
    c && detail.finding
      ? findingText(t, detail.finding as Finding, { name: c.name, number: c.number, store: a.store })
      : a.rule;
  const ok = await deps.db.$transaction(async (tx) => {
    if (!(await claim(tx, "MetricAlert", { id: a.id, version: ref.seen, statuses: ["open"] }))) return false;
    await tx.metricAlert.update({ where: { id: a.id }, data: { status: "acknowledged" } });
    if (a.messageId) {
      await deps.outbox.enqueue(tx, {
        kind: "update",
        targetId: a.messageId,
        body: alertMessage(t, text, {
          alertId: a.id,
          version: a.version + 1,
          campaignId: detail.campaignId,
          runbooks: [],
          footer: t("t0.alert.acked", { user: userId }),
        }),
      });
    }
    await recordAction(tx, deps.clock, {
      actorId: userId,
      feature: "promo",
      action: "t0_alert_acknowledged",
      objectType: "alert",
      objectId: a.id,
      objectLabel: c ? `#${c.number} ${c.name} ${a.store} ${a.date} ${a.level}` : `${a.store} ${a.date} ${a.level}`,
      before: "open",
      after: "acknowledged",
      channel: channel ?? null,
    });
    return true;
  });
  if (ok) return { ok: true };
  return { ok: false, status: (await deps.db.metricAlert.findUnique({ where: { id: a.id } }))?.status ?? "gone" };
}
