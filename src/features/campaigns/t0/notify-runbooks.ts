// What a runbook tells the promotion channel: its checklist card (redrawn on every step and the
// decision) and the notes in the card's thread.
import type { Deps } from "../../../deps.ts";
import type { Db } from "../../../infra/db/db.ts";
import type { Locale, Translator } from "../../../infra/i18n.ts";
import { stored } from "../../../infra/db/stored.ts";
import { formatWithZone } from "../../../infra/time.ts";
import { channelLocale, channelTranslator } from "../../../people/channels.ts";
import type { Campaign, RunbookRun } from "../../../generated/prisma/client.ts";
import { runbookCard, type RunbookView } from "./runbook/blocks.ts";
import { runbookCanvas } from "./runbook/blocks-canvas.ts";
import { Steps, TextShape } from "./runbook-row.ts";

function view(r: RunbookRun, c: Campaign, locale: Locale, tz: string): RunbookView {
  const steps = stored(Steps, r.steps, "runbook steps");
  const decided =
    r.decision && r.decidedBy && r.decidedAt
      ? { value: r.decision as "go" | "stop", by: r.decidedBy, at: formatWithZone(r.decidedAt, tz) }
      : undefined;
  return {
    id: r.id,
    version: r.version,
    title: stored(TextShape, r.title, "runbook title")[locale],
    name: c.name,
    number: r.number,
    campaignNumber: c.number,
    question: stored(TextShape, r.question, "runbook question")[locale],
    deciderId: r.deciderId,
    steps: steps.map((s) => ({ text: s.text[locale], ownerId: s.ownerId, doneBy: s.doneBy, doneAt: s.doneAt })),
    decision: decided,
  };
}

export async function card(tx: Db, deps: Deps, r: RunbookRun, c: Campaign) {
  return runbookCard(
    await channelTranslator(deps, c.channelId, tx),
    view(r, c, await channelLocale(deps, c.channelId, tx), c.timeZone),
  );
}

export async function thread(tx: Db, deps: Deps, r: RunbookRun, c: Campaign, say: (t: Translator) => string) {
  await deps.outbox.enqueue(tx, {
    kind: "post",
    channel: c.channelId,
    threadOfId: r.messageId ?? undefined,
    body: { text: say(await channelTranslator(deps, c.channelId, tx)) },
  });
}

/**
 * The runbook's canvas, made when it opens and brought up to date on each step and the decision.
 * It carries no channel message of its own (the card is that); where canvases can't be used, the
 * card alone stays, and the person who acted hears why once.
 */
export async function canvas(tx: Db, deps: Deps, r: RunbookRun, c: Campaign, actorId: string) {
  const t = await channelTranslator(deps, c.channelId, tx);
  await deps.outbox.enqueue(tx, {
    kind: "canvas",
    channel: c.channelId,
    canvas: runbookCanvas(t, view(r, c, await channelLocale(deps, c.channelId, tx), c.timeZone)),
    body: { text: "" },
    actorId,
  });
}
