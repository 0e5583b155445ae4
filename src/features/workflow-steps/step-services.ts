// What each step does: the same service its slash command or shortcut runs, with the step's
// completion queued in the same transaction (the completion is an outbox row, sent after commit).
// A retried event finds the creation done (its request key is the execution id) and does nothing.
import { snapshotOf } from "../complaints/case-clock.ts";
import { z } from "zod";
import type { Deps } from "../../deps.ts";
import type { Db } from "../../infra/db/db.ts";
import type { Locale, Translator } from "../../infra/i18n.ts";
import { stored } from "../../infra/db/stored.ts";
import { isRealDate, shiftDate, todayIn } from "../../infra/time.ts";
import { stepCompletion, type StepCompletion } from "../../outbox/message.ts";
import { openCase } from "../complaints/open-case.ts";
import type { Cause, Urgency } from "../complaints/rules.ts";
import { watchCase } from "../complaints/watch-case.ts";
import { createCampaign } from "../campaigns/create-campaign.ts";
import type { Kind } from "../campaigns/rules.ts";
import { kindFromName } from "../campaigns/schema.ts";
import { createTask } from "../raci/create-task.ts";
import { translatorsFor, peopleOf } from "../raci/task-people.ts";
import { ingestReviews } from "../reviews/ingest.ts";
import type { StepDef } from "./step-params.ts";
import { inputError, type Value } from "./inputs.ts";

/** Refusals of the services that are about one input, by step: they name that input. */
export const ERROR_INPUTS: Record<string, Record<string, string>> = {
  start_promotion_playbook: { "promo.error.past": "event_date", "promo.error.date": "event_date" },
  wait_for_complaint_resolution: { "complaint.error.notFound": "case" },
};

export interface StepRun {
  deps: Deps;
  def: StepDef;
  executionId: string;
  inputs: Record<string, Value>;
  locale: Locale;
  t: Translator;
}

const str = (v: Value) => (v === undefined ? undefined : String(v));
const list = (v: Value) => (Array.isArray(v) ? v : []);
const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

export function complete(tx: Db, deps: Deps, step: StepCompletion) {
  return deps.outbox.enqueue(tx, stepCompletion(step));
}

/** A Slack message link (…/archives/C123/p1700000000123456?thread_ts=1700000000.000100) read into channel and ts. */
function messageOf(
  link: string | undefined,
): { channel: string; ts: string; threadTs?: string; link: string } | null | undefined {
  if (!link) return undefined;
  const m = /^https:\/\/[\w.-]+\.slack(?:-gov)?\.com\/archives\/([CDG][A-Z0-9]+)\/p(\d{10})(\d{6})(?:\?(.*))?$/.exec(
    link,
  );
  if (!m) return null;
  const thread = new URLSearchParams(m[4] ?? "").get("thread_ts") ?? undefined;
  return {
    channel: m[1]!,
    ts: `${m[2]}.${m[3]}`,
    threadTs: thread && /^\d{10}\.\d{6}$/.test(thread) ? thread : undefined,
    link,
  };
}

async function openComplaintCase(run: StepRun): Promise<void> {
  const { deps, inputs, executionId } = run;
  const source = messageOf(str(inputs.message_link));
  if (source === null) throw inputError(run.def, "message_link", run.locale, run.t("step.problem.messageLink"));
  if (!/^[A-Za-z0-9-]{3,64}$/.test(String(inputs.order_number)))
    throw inputError(run.def, "order_number", run.locale, run.t("step.problem.orderNo"));
  await openCase(deps, {
    actorId: String(inputs.agent),
    orderNo: String(inputs.order_number),
    customerName: String(inputs.customer),
    vip: inputs.vip === true,
    cause: inputs.cause as Cause,
    urgency: inputs.urgency as Urgency,
    summary: String(inputs.summary),
    source,
    requestKey: `fn:${executionId}`,
    then: (tx, c) =>
      complete(tx, deps, {
        executionId,
        outputs: {
          case_number: c.number,
          case_id: c.id,
          tier: c.tier,
          channel: snapshotOf(c).tiers.find((x) => x.tier === c.tier)?.channelId ?? "",
          ...(c.deadlineAt ? { response_deadline: seconds(c.deadlineAt) } : {}),
        },
      }).then(() => undefined),
  });
}

async function createRaciTask(run: StepRun): Promise<void> {
  const { deps, inputs, executionId } = run;
  const due = String(inputs.due_date);
  const today = todayIn(deps.clock.now(), deps.config.DEFAULT_TIMEZONE);
  if (due < today) throw inputError(run.def, "due_date", run.locale, run.t("raci.error.duePast", { date: due, today }));
  const input = {
    requestKey: `fn:${executionId}`,
    title: String(inputs.title),
    description: str(inputs.description) ?? "",
    dueDate: due,
    r: list(inputs.responsible),
    a: [String(inputs.accountable)],
    c: list(inputs.consulted),
    i: list(inputs.informed),
    channelId: String(inputs.channel),
    createdBy: String(inputs.created_by),
  };
  const translators = await translatorsFor(deps, peopleOf(input));
  await deps.db.$transaction(async (tx) => {
    const task = await createTask(deps, input, tx, translators);
    await complete(tx, deps, {
      executionId,
      outputs: { task_number: task.number },
      links: { message_link: task.messageId! },
    });
  });
}

async function startPromotion(run: StepRun): Promise<void> {
  const { deps, inputs, executionId } = run;
  const name = String(inputs.name);
  const eventDate = String(inputs.event_date);
  if (!isRealDate(eventDate))
    throw inputError(run.def, "event_date", run.locale, run.t("step.problem.date", { value: eventDate }));
  await createCampaign(deps, {
    actorId: String(inputs.created_by),
    name,
    kind: (str(inputs.kind) as Kind | undefined) ?? kindFromName(name),
    eventDate,
    channelId: String(inputs.channel),
    ownerId: String(inputs.owner),
    targets: {},
    requestKey: `fn:${executionId}`,
    then: (tx, c) =>
      complete(tx, deps, {
        executionId,
        outputs: { promotion_number: c.number, t30_date: shiftDate(c.eventDate, -30) },
        links: { checklist_link: c.checklistMsgId! },
      }).then(() => undefined),
  });
}

async function recordReview(run: StepRun): Promise<void> {
  const { deps, inputs, executionId } = run;
  const rating = Number(inputs.rating);
  if (rating < 1 || rating > 5)
    throw inputError(run.def, "rating", run.locale, run.t("step.problem.rating", { value: rating }));
  const platform = String(inputs.platform).toLowerCase();
  // Without the platform's own id, the step run is the review: a retried event records it once.
  const reviewId = str(inputs.review_id) ?? `wf:${executionId}`;
  await ingestReviews(deps, [
    {
      platform,
      reviewId,
      orderId: str(inputs.order) ?? null,
      sku: String(inputs.sku),
      rating,
      text: String(inputs.text),
      reviewedAt: inputs.reviewed_at instanceof Date ? inputs.reviewed_at : deps.clock.now(),
    },
  ]);
  const r = await deps.db.review.findUniqueOrThrow({ where: { platform_reviewId: { platform, reviewId } } });
  const causes = stored(z.array(z.string()), r.causes, "review causes");
  const hits = stored(z.array(z.string()), r.hits, "review hits");
  await complete(deps.db, deps, {
    executionId,
    outputs: { severity: r.severity ?? "none", cause: causes[0] ?? "none", matched_keywords: [...new Set(hits)] },
  });
}

async function waitForResolution(run: StepRun): Promise<void> {
  await watchCase(run.deps, String(run.inputs.case), run.executionId);
}

export const SERVICES: Record<string, (run: StepRun) => Promise<void>> = {
  open_complaint_case: openComplaintCase,
  create_raci_task: createRaciTask,
  start_promotion_playbook: startPromotion,
  record_review: recordReview,
  wait_for_complaint_resolution: waitForResolution,
};
