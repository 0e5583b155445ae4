// The buttons on a case card and the two modals they open (escalate now, propose remedy).
import type { App, BlockAction } from "@slack/bolt";
import type { Deps } from "../../deps.ts";
import { ackFirst } from "../../slack/ack.ts";
import { dmUser, errorText } from "../../slack/reply.ts";
import { parseValue } from "../../slack/payload.ts";
import { onAction } from "../../slack/handler-kit.ts";
import { personOf } from "../../slack/handler-context.ts";
import { userContext } from "../../people/people.ts";
import * as actions from "./case-actions.ts";
import { loadCase, assertMayAct } from "./case-access.ts";
import { ACTION, FIELD, VIEW_ESCALATE, VIEW_REMEDY } from "./ids.ts";
import { escalateModal, remedyModal } from "./modals.ts";
import { cardIfPressed } from "./notify.ts";
import { CaseMeta, CaseRef, RateValue, RemedyValues } from "./schema.ts";

function safeJson(s: string | undefined): unknown {
  try {
    return JSON.parse(s || "{}");
  } catch {
    return undefined;
  }
}

type Handler = (deps: Deps, ref: CaseRef, userId: string, body: BlockAction) => Promise<unknown>;

const simple: [string, Handler][] = [
  [ACTION.ack, (d, id, u) => actions.acknowledge(d, id, u)],
  [ACTION.waiting, (d, id, u) => actions.waitForCustomer(d, id, u)],
  [ACTION.resume, (d, id, u) => actions.customerReplied(d, id, u)],
  [ACTION.resolve, (d, id, u) => actions.resolve(d, id, u)],
  [ACTION.confirm, (d, id, u) => actions.customerConfirmed(d, id, u)],
  [ACTION.reopen, (d, id, u) => actions.reopen(d, id, u)],
  [ACTION.approve, (d, id, u) => actions.decideRemedy(d, id, u, true)],
  [ACTION.reject, (d, id, u) => actions.decideRemedy(d, id, u, false)],
  [ACTION.escalate, (d, id, u, b) => openCaseModal(d, id, u, b, "escalate")],
  [ACTION.remedy, (d, id, u, b) => openCaseModal(d, id, u, b, "remedy")],
];

async function openCaseModal(
  deps: Deps,
  ref: CaseRef,
  userId: string,
  body: BlockAction,
  which: "escalate" | "remedy",
) {
  const c = await loadCase(deps, ref.caseId);
  await assertMayAct(deps, c, userId);
  const user = await userContext(deps, userId);
  // The modal remembers the card's version: a change made while it is open wins over it.
  const view = which === "escalate" ? escalateModal(user.t, c.id, ref.seen) : remedyModal(user.t, c.id, ref.seen);
  await deps.slack.call("views.open", { trigger_id: body.trigger_id, view });
}

/**
 * A press shows on the card at once, through the action's response_url (replace_original),
 * whatever the channel's lane still has queued; the outbox's edit of the card follows with the
 * same content. Only an echo: a refused one loses nothing.
 */
async function showPress(deps: Deps, caseId: string, body: BlockAction): Promise<void> {
  if (!body.response_url || body.container?.type !== "message") return;
  const card = await cardIfPressed(deps, caseId, { channel: body.channel?.id, ts: body.message?.ts });
  if (!card) return;
  await deps.slack
    .respond(body.response_url, { replace_original: true, ...card })
    .catch((e: unknown) => deps.log.warn({ err: e, caseId }, "could not redraw the pressed card"));
}

/** Refusals and failures of a card's buttons become an ephemeral answer, never a stack trace. */
const WHERE = "complaint card";

export function registerCard(app: App, deps: Deps): void {
  for (const [actionId, handler] of simple)
    onAction(
      app,
      deps,
      actionId,
      async ({ body, value }) => {
        const ref = parseValue(CaseRef, value, "case id");
        await handler(deps, ref, body.user.id, body);
        if (actionId !== ACTION.escalate && actionId !== ACTION.remedy) await showPress(deps, ref.caseId, body);
      },
      WHERE,
    );
  onAction(
    app,
    deps,
    ACTION.rate,
    async ({ body, value }) => {
      const [ref, score] = parseValue(RateValue, value, "rating").split(":") as [string, string];
      await actions.rate(deps, CaseRef.parse(ref), body.user.id, Number(score));
    },
    WHERE,
  );

  app.view(VIEW_ESCALATE, async ({ ack, body, view, context }) => {
    const user = await personOf(context);
    const reason = (view.state.values[FIELD.reason]?.[FIELD.reason]?.value ?? "").trim();
    const meta = CaseMeta.safeParse(safeJson(view.private_metadata));
    if (!reason || !meta.success)
      return void (await ack({
        response_action: "errors",
        errors: { [FIELD.reason]: user.t("complaint.error.reason") },
      }));
    await ackFirst(ack);
    await viewGuarded(deps, body.user.id, () => actions.escalateNow(deps, meta.data, body.user.id, reason));
  });

  app.view(VIEW_REMEDY, async ({ ack, body, view, context }) => {
    const user = await personOf(context);
    const parsed = RemedyValues.safeParse(view.state.values);
    const meta = CaseMeta.safeParse(safeJson(view.private_metadata));
    const kind = parsed.success ? parsed.data.remedy_kind.remedy_kind.selected_option?.value : undefined;
    const amountText = parsed.success ? (parsed.data.amount.amount.value ?? "") : "";
    const amount = amountText === "" ? null : Number(amountText.replace(/[¥,，\s]/g, ""));
    const needsAmount = kind === "coupon" || kind === "partial_refund" || kind === "full_refund";
    if (!kind || !meta.success)
      return void (await ack({
        response_action: "errors",
        errors: { [FIELD.remedyKind]: user.t("complaint.remedy.kind") },
      }));
    if ((amount !== null && (!Number.isFinite(amount) || amount < 0)) || (needsAmount && amount === null)) {
      return void (await ack({
        response_action: "errors",
        errors: { [FIELD.amount]: user.t("complaint.error.amount") },
      }));
    }
    await ackFirst(ack);
    const note = parsed.success ? (parsed.data.note.note.value ?? "") : "";
    await viewGuarded(deps, body.user.id, () =>
      actions.proposeRemedy(deps, meta.data, body.user.id, { kind, amount, note }),
    );
  });
}

async function viewGuarded(deps: Deps, userId: string, fn: () => Promise<unknown>) {
  try {
    await fn();
  } catch (e) {
    const user = await userContext(deps, userId);
    await dmUser(deps, userId, { text: errorText(deps, user.locale, e, "complaint modal") });
  }
}
