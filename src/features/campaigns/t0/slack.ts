// The T0 command centre's Slack side: /promo warroom and /promo runbook, and the buttons of T0
// alerts (Acknowledge, Open runbook, Create action) and of runbook cards (step done, decision).
import type { App } from "@slack/bolt";
import { z } from "zod";
import type { Deps } from "../../../deps.ts";
import { DomainError } from "../../../infra/errors.ts";
import { durationMs, spokenDuration } from "../../../infra/duration.ts";
import { type UserContext } from "../../../people/people.ts";
import { onAction } from "../../../slack/handler-kit.ts";
import { parseValue } from "../../../slack/payload.ts";
import { createModal as taskModal } from "../../raci/modals.ts";
import { findCampaign } from "../manage.ts";
import { parseNumber, type PromoCommand } from "../schema.ts";
import { money } from "./blocks.ts";
import { RB_DECIDE, RB_STEP, T0_ACK, T0_ACTION, T0_RUNBOOK } from "./ids.ts";
import { decideRunbook, openRunbook, tickStep } from "./runbooks.ts";
import { runbooksOf } from "./runbook-row.ts";
import { acknowledgeT0, assertAlertLive } from "./acknowledge.ts";
import { MIN_INTERVAL_MS } from "./room.ts";
import { setDayPlan, setThresholds, startWarRoom, stopWarRoom } from "./warroom.ts";

const Versioned = z.string().regex(/^[a-z0-9]{10,40}\.\d{1,9}$/);
const StepValue = z.string().regex(/^[a-z0-9]{10,40}\.\d{1,9}:\d{1,2}$/);
const DecideValue = z.string().regex(/^[a-z0-9]{10,40}\.\d{1,9}:(go|stop)$/);
const RunbookValue = z.string().regex(/^[a-z0-9]{10,40}:[a-z_]{2,30}:[a-z0-9]{10,40}$/);
const AlertId = z.string().regex(/^[a-z0-9]{10,40}$/);

/** `/promo warroom …` and `/promo runbook …`; returns the answer to show the person. */
export async function t0Command(
  deps: Deps,
  user: UserContext,
  cmd: PromoCommand & { sub: "warroom" | "warroom-rules" | "runbook" },
): Promise<string> {
  if (cmd.sub === "warroom-rules") {
    // "20% 30% 50%": how far under plan each level starts.
    const shares = cmd.levels.map((l) => (/^\d{1,2}(\.\d+)?%?$/.test(l) ? Number(l.replace("%", "")) / 100 : NaN));
    const bad = cmd.levels.find((_, i) => !Number.isFinite(shares[i]));
    if (bad !== undefined) throw new DomainError("t0.error.rules", { value: bad });
    const c = await setThresholds(deps, cmd.ref, user.userId, {
      notice: shares[0]!,
      warning: shares[1]!,
      critical: shares[2]!,
    });
    return user.t("t0.rulesSet", {
      name: c.name,
      notice: cmd.levels[0]!.replace("%", ""),
      warning: cmd.levels[1]!.replace("%", ""),
      critical: cmd.levels[2]!.replace("%", ""),
    });
  }
  if (cmd.sub === "runbook") {
    const c = await findCampaign(deps, cmd.ref);
    const all = await runbooksOf(deps.db, c);
    if (!cmd.key) return user.t("t0.usage", { keys: all.map((r) => r.key).join("|") });
    const { title } = await openRunbook(deps, { campaignId: c.id, key: cmd.key, actorId: user.userId });
    return user.t("t0.runbook.posted", { title: title[user.locale], channel: c.channelId });
  }
  if (cmd.action === "stop") {
    const c = await stopWarRoom(deps, cmd.ref, user.userId);
    return user.t("t0.stopped", { name: c.name });
  }
  let intervalMs: number | undefined;
  if (cmd.every !== undefined) {
    intervalMs = /^\d+(s|m|h)$/.test(cmd.every) ? durationMs(cmd.every) : NaN;
    if (!(intervalMs >= MIN_INTERVAL_MS && intervalMs <= 3_600_000))
      throw new DomainError("t0.error.interval", { value: cmd.every });
  }
  let plan: number | undefined;
  if (cmd.plan !== undefined) {
    const p = parseNumber(cmd.plan);
    if (!p.ok) throw new DomainError("t0.error.plan", { value: cmd.plan });
    plan = p.value;
  }
  if (cmd.action === "plan") {
    const c = await setDayPlan(deps, cmd.ref, user.userId, plan!);
    return user.t("t0.planned", { name: c.name, plan: money(plan!) });
  }
  const { c, room } = await startWarRoom(deps, cmd.ref, user.userId, { store: cmd.store, intervalMs, plan });
  return user.t("t0.started", {
    name: c.name,
    channel: room.channelId,
    store: room.store,
    every: spokenDuration(room.intervalMs, user.locale),
  });
}

export function registerT0Actions(app: App, deps: Deps): void {
  const on = (id: string | RegExp, run: Parameters<typeof onAction>[3]) => onAction(app, deps, id, run, "T0 action");

  on(T0_ACK, async ({ body, user, value }) => {
    const [alertId, seen] = parseValue(Versioned, value, "alert value").split(".") as [string, string];
    const r = await acknowledgeT0(deps, { alertId, seen: Number(seen) }, body.user.id);
    return r.ok ? undefined : user.t("t0.alert.gone", { status: r.status });
  });

  on(T0_RUNBOOK, async ({ body, user, value }) => {
    const choice = parseValue(RunbookValue, value, "runbook choice").split(":") as [string, string, string];
    const [campaignId, key, alertId] = choice;
    const { c, title } = await openRunbook(deps, { campaignId, key, actorId: body.user.id, alertId });
    return user.t("t0.runbook.posted", { title: title[user.locale], channel: c.channelId });
  });

  // The RACI task form, with the alert's words as its description, in the alert's channel.
  on(T0_ACTION, async ({ body, user, value, open }) => {
    await assertAlertLive(deps, parseValue(AlertId, value, "alert id"));
    const text = (body.message as { text?: string } | undefined)?.text ?? "";
    await open(taskModal(user.t, { channelId: body.channel?.id, description: text.slice(0, 2900) }));
  });

  on(RB_STEP, async ({ body, value }) => {
    const [run, index] = parseValue(StepValue, value, "runbook step").split(":") as [string, string];
    const [runId, seen] = run.split(".") as [string, string];
    await tickStep(deps, { runId, seen: Number(seen), index: Number(index) }, body.user.id);
  });

  on(new RegExp(`^${RB_DECIDE}_(go|stop)$`), async ({ body, value }) => {
    const [run, decision] = parseValue(DecideValue, value, "runbook decision").split(":") as [string, "go" | "stop"];
    const [runId, seen] = run.split(".") as [string, string];
    await decideRunbook(deps, { runId, seen: Number(seen), decision }, body.user.id);
  });
}
