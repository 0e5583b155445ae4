// Contingency runbooks at T0: posted as a checklist card whose thread records every step and the
// decision; owners come from the role map; a clock on the first step calls its owner and the
// decision-maker if it isn't done in time. Every change is a conditional claim on the run.
import { recordAction } from "../../../audit/audit.ts";
import type { Deps } from "../../../deps.ts";
import { claim } from "../../../infra/db/claim.ts";
import type { Db } from "../../../infra/db/db.ts";
import { DomainError } from "../../../infra/errors.ts";
import { stored } from "../../../infra/db/stored.ts";
import { formatWithZone } from "../../../infra/time.ts";
import { channelLocale } from "../../../people/channels.ts";
import { isAdmin } from "../../../people/people.ts";
import { cancelTimers, scheduleTimer } from "../../../scheduler/timers.ts";
import type { Campaign, RunbookRun } from "../../../generated/prisma/client.ts";
import { type Text } from "../rules.ts";
import { canvas, card, thread } from "./notify-runbooks.ts";
import { label, loadRun, personFor, runbooksOf, Steps, TextShape } from "./runbook-row.ts";

export const JOB_RB_FIRST = "promo.runbook.first";
/** How long the first step may take before its owner and the decision-maker are called. */
export const FIRST_STEP_MS = 15 * 60_000;

export async function openRunbook(
  deps: Deps,
  o: { campaignId: string; key: string; actorId: string; alertId?: string },
): Promise<{ run: RunbookRun; c: Campaign; title: Text }> {
  const c = await deps.db.campaign.findUnique({ where: { id: o.campaignId } });
  if (!c) throw new DomainError("promo.error.notFound", { ref: o.campaignId });
  const all = await runbooksOf(deps.db, c);
  const rb = all.find((r) => r.key === o.key);
  if (!rb) throw new DomainError("t0.runbook.unknown", { key: o.key, keys: all.map((r) => r.key).join(", ") });
  const steps: Steps = [];
  for (const s of rb.steps) steps.push({ text: s.text, role: s.role, ownerId: await personFor(deps.db, s.role, c) });
  const deciderId = await personFor(deps.db, rb.decider, c);
  const run = await deps.db.$transaction(async (tx) => {
    const counter = await tx.counter.upsert({
      where: { name: "runbook" },
      create: { name: "runbook", value: 1 },
      update: { value: { increment: 1 } },
    });
    let r = await tx.runbookRun.create({
      data: {
        number: counter.value,
        campaignId: c.id,
        key: rb.key,
        title: JSON.stringify(rb.title),
        steps: JSON.stringify(steps),
        deciderId,
        question: JSON.stringify(rb.question),
        alertId: o.alertId ?? null,
        createdBy: o.actorId,
        createdAt: deps.clock.now(),
      },
    });
    const { id } = await deps.outbox.enqueue(tx, {
      kind: "post",
      channel: c.channelId,
      body: await card(tx, deps, r, c),
      actorId: o.actorId,
    });
    r = await tx.runbookRun.update({ where: { id: r.id }, data: { messageId: id } });
    await canvas(tx, deps, r, c, o.actorId);
    const locale = await channelLocale(deps, c.channelId, tx);
    await thread(tx, deps, r, c, (t) =>
      t("t0.runbook.opened", {
        title: rb.title[locale],
        by: `<@${o.actorId}>`,
        owner: steps[0]!.ownerId,
        decider: deciderId,
      }),
    );
    await scheduleTimer(tx, deps.clock, {
      kind: JOB_RB_FIRST,
      key: `promo:rb:${r.id}:first`,
      owner: `promo:rb:${r.id}`,
      dueAt: new Date(deps.clock.now().getTime() + FIRST_STEP_MS),
      payload: { runId: r.id },
    });
    await recordAction(tx, deps.clock, {
      actorId: o.actorId,
      feature: "promo",
      action: "runbook_opened",
      objectType: "runbook",
      objectId: r.id,
      objectLabel: label(r, c),
      after: steps.map((s) => `${s.role}=${s.ownerId}`).join(" "),
      channel: c.channelId,
    });
    return r;
  });
  deps.wakeScheduler();
  return { run, c, title: rb.title };
}

export async function tickStep(
  deps: Deps,
  ref: { runId: string; seen: number; index: number },
  actorId: string,
): Promise<void> {
  const { r, c } = await loadRun(deps, ref.runId);
  const steps = stored(Steps, r.steps, "runbook steps");
  const step = steps[ref.index];
  if (!step) throw new DomainError("promo.error.notFound", { ref: `${r.number}.${ref.index + 1}` });
  if (step.doneBy) throw new DomainError("t0.runbook.already", { what: `${ref.index + 1}` });
  if (![step.ownerId, r.deciderId, c.ownerId].includes(actorId) && !(await isAdmin(deps, actorId)))
    throw new DomainError("t0.runbook.notYours", { owner: step.ownerId });
  await deps.db.$transaction(async (tx) => {
    if (!(await claim(tx, "RunbookRun", { id: r.id, version: ref.seen })))
      throw new DomainError("t0.runbook.already", { what: `${ref.index + 1}` });
    steps[ref.index] = { ...step, doneBy: actorId, doneAt: formatWithZone(deps.clock.now(), c.timeZone) };
    const saved = await tx.runbookRun.update({ where: { id: r.id }, data: { steps: JSON.stringify(steps) } });
    if (saved.messageId)
      await deps.outbox.enqueue(tx, {
        kind: "update",
        targetId: saved.messageId,
        body: await card(tx, deps, saved, c),
      });
    await thread(tx, deps, saved, c, (t) => t("t0.runbook.noteStep", { n: ref.index + 1, by: actorId }));
    await canvas(tx, deps, saved, c, actorId);
    if (ref.index === 0) await cancelTimers(tx, deps.clock, `promo:rb:${r.id}`);
    await recordAction(tx, deps.clock, {
      actorId,
      feature: "promo",
      action: "runbook_step_done",
      objectType: "runbook",
      objectId: r.id,
      objectLabel: `${label(r, c)} · ${ref.index + 1}. ${step.text.en}`,
      before: "open",
      after: "done",
      channel: c.channelId,
    });
  });
}

export async function decideRunbook(
  deps: Deps,
  ref: { runId: string; seen: number; decision: "go" | "stop" },
  actorId: string,
): Promise<void> {
  const { r, c } = await loadRun(deps, ref.runId);
  if (r.decision) throw new DomainError("t0.runbook.already", { what: r.decision });
  if (actorId !== r.deciderId && !(await isAdmin(deps, actorId)))
    throw new DomainError("t0.runbook.notDecider", { decider: r.deciderId });
  await deps.db.$transaction(async (tx) => {
    if (!(await claim(tx, "RunbookRun", { id: r.id, version: ref.seen })))
      throw new DomainError("t0.runbook.already", { what: "decision" });
    const saved = await tx.runbookRun.update({
      where: { id: r.id },
      data: { decision: ref.decision, decidedBy: actorId, decidedAt: deps.clock.now() },
    });
    if (saved.messageId)
      await deps.outbox.enqueue(tx, {
        kind: "update",
        targetId: saved.messageId,
        body: await card(tx, deps, saved, c),
      });
    await canvas(tx, deps, saved, c, actorId);
    await thread(tx, deps, saved, c, (t) =>
      t("t0.runbook.noteDecided", {
        by: actorId,
        decision: t(ref.decision === "go" ? "t0.runbook.go" : "t0.runbook.stop"),
      }),
    );
    await recordAction(tx, deps.clock, {
      actorId,
      feature: "promo",
      action: "runbook_decided",
      objectType: "runbook",
      objectId: r.id,
      objectLabel: label(r, c),
      before: null,
      after: ref.decision,
      channel: c.channelId,
    });
  });
}

/** The first step's clock: still not done, its owner and the decision-maker are called in the thread. */
export async function firstStepLate(deps: Deps, runId: string) {
  const r = await deps.db.runbookRun.findUnique({ where: { id: runId } });
  const c = r && (await deps.db.campaign.findUnique({ where: { id: r.campaignId } }));
  if (!r || !c) return undefined;
  const steps = stored(Steps, r.steps, "runbook steps");
  if (steps[0]?.doneBy) return undefined;
  const locale = await channelLocale(deps, c.channelId);
  return async (tx: Db) => {
    await thread(tx, deps, r, c, (t) =>
      t("t0.runbook.late", {
        title: stored(TextShape, r.title, "runbook title")[locale],
        minutes: FIRST_STEP_MS / 60_000,
        owner: steps[0]!.ownerId,
        decider: r.deciderId,
      }),
    );
    await recordAction(tx, deps.clock, {
      actorId: null,
      feature: "promo",
      action: "runbook_first_step_late",
      objectType: "runbook",
      objectId: r.id,
      objectLabel: label(r, c),
      channel: c.channelId,
    });
  };
}
