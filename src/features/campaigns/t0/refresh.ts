// The war room's minute tick (a durable recurring timer, so replicas and restarts share it): rooms
// opened at T0 00:00, each redrawn when its interval is up and its hourly rules run, ended after
// its day. A redraw is a conditional claim on the room's row: two replicas ticking together
// redraw once.
import type { Deps } from "../../../deps.ts";
import { claim } from "../../../infra/db/claim.ts";
import { newId } from "../../../infra/db/ids.ts";
import { dialectOfClient, prismaExec } from "../../../infra/db/prisma-exec.ts";
import { formatWithZone, localTime, shiftDate, todayIn } from "../../../infra/time.ts";
import { userContext } from "../../../people/people.ts";
import type { Campaign } from "../../../generated/prisma/client.ts";
import { t0Figures } from "./figures.ts";
import { drawCard, raiseAlert } from "./notify.ts";
import { hourlyFindings, isStale, LEVELS } from "./plan.ts";
import { DEFAULT_INTERVAL_MS, dayPlanOf, defaultStore, everyMs, liveDay, thresholdsOf } from "./room.ts";
import { runbooksOf } from "./runbook-row.ts";
import { t0ChartPng } from "./chart.ts";
import { channelTranslator } from "../../../people/channels.ts";

/**
 * The minute tick: open today's rooms for promotions at T0, refresh the rooms that are due, end
 * the ones whose day is over.
 */
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
  const chartPng = await t0ChartPng(await channelTranslator(deps, c.channelId), f, c.name);
  await deps.db.$transaction(async (tx) => {
    if (!(await claim(tx, "WarRoom", { id: room.id, version: room.version }))) return;
    const messageId = await drawCard(tx, deps, room, f, {
      name: c.name,
      number: c.number,
      everyMs: everyMs(room),
      updated: formatWithZone(now, c.timeZone, "HH:mm"),
      stale,
      ended: dayOver,
      chartPng,
    });
    await tx.warRoom.update({
      where: { id: room.id },
      data: { messageId, refreshedAt: now, day: watched, ...(dayOver ? { endedAt: now } : {}) },
    });
    for (const finding of findings)
      await raiseAlert(tx, deps, {
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
