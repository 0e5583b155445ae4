// A runbook's canvas in the promotion's channel: its steps and its decision as the bot keeps them,
// and a place for the team's notes. The checklist card in the channel stays the live tracker (its
// buttons tick steps and decide); the canvas is the record the team reads and annotates after.
import type { Translator } from "../../../../infra/i18n.ts";
import { canvasText, canvasWho, ownedPart, type CanvasDocument } from "../../../../outbox/canvas.ts";
import type { RunbookView } from "./blocks.ts";

export const runbookCanvasKey = (runId: string) => `runbook:${runId}`;

export function runbookCanvas(t: Translator, r: RunbookView): CanvasDocument {
  const title = t("t0.runbook.title", { title: r.title, run: r.number, name: r.name, number: r.campaignNumber });
  const steps = {
    header: ["", t("t0.canvas.step"), t("t0.canvas.owner"), t("t0.canvas.doneBy"), t("t0.canvas.doneAt")],
    rows: r.steps.map((s, i) => [
      `${s.doneBy ? "✅" : "⬜"} ${i + 1}`,
      canvasText(s.text),
      canvasWho(s.ownerId),
      s.doneBy ? canvasWho(s.doneBy) : "",
      canvasText(s.doneAt ?? ""),
    ]),
  };
  const decision = {
    header: ["", t("t0.canvas.decider"), t("t0.canvas.decision"), t("t0.canvas.doneAt")],
    rows: [
      [
        canvasText(r.question),
        canvasWho(r.deciderId),
        r.decision ? t(r.decision.value === "go" ? "t0.runbook.go" : "t0.runbook.stop") : t("t0.canvas.open"),
        r.decision ? `${canvasWho(r.decision.by)} ${canvasText(r.decision.at)}` : "",
      ],
    ],
  };
  return {
    key: runbookCanvasKey(r.id),
    title: canvasText(title),
    parts: [
      { markdown: `> ${canvasText(t("t0.canvas.intro"))}` },
      ownedPart(t("t0.canvas.stepsTag"), t("t0.canvas.steps"), steps, [0, 1, 2, 3, 4]),
      ownedPart(t("t0.canvas.decisionTag"), t("t0.canvas.decisionTitle"), decision, [0, 1, 2, 3]),
      { heading: `## ${canvasText(t("t0.canvas.notes"))}`, markdown: canvasText(t("t0.canvas.notesHint")) },
    ],
    made: "",
    updated: "",
  };
}
