// A runbook's card: its steps with their owners (ticked as they are done) and the decision.
import type { KnownBlock } from "@slack/types";
import type { Translator } from "../../../../infra/i18n.ts";
import type { MessageBody } from "../../../../outbox/message.ts";
import { RB_DECIDE, RB_STEP } from "../ids.ts";

const section = (text: string): KnownBlock => ({ type: "section", text: { type: "mrkdwn", text } });

export interface RunbookView {
  id: string;
  version: number;
  title: string;
  name: string;
  /** The runbook run's own number. */
  number: number;
  /** The promotion's number, as alerts show it ("双11 2026 (#1)"). */
  campaignNumber: number;
  question: string;
  deciderId: string;
  steps: { text: string; ownerId: string; doneBy?: string; doneAt?: string }[];
  decision?: { value: "go" | "stop"; by: string; at: string };
}

export function runbookCard(t: Translator, r: RunbookView): MessageBody {
  const title = t("t0.runbook.title", { title: r.title, run: r.number, name: r.name, number: r.campaignNumber });
  const lines = r.steps.map((s, i) =>
    s.doneBy
      ? t("t0.runbook.stepDone", {
          mark: "✅",
          n: i + 1,
          text: s.text,
          owner: s.ownerId,
          by: s.doneBy,
          time: s.doneAt ?? "",
        })
      : t("t0.runbook.step", { mark: "⬜", n: i + 1, text: s.text, owner: s.ownerId }),
  );
  const decided = r.decision
    ? t("t0.runbook.decided", {
        decider: r.deciderId,
        question: r.question,
        decision: t(r.decision.value === "go" ? "t0.runbook.go" : "t0.runbook.stop"),
        by: r.decision.by,
        time: r.decision.at,
      })
    : t("t0.runbook.decider", { decider: r.deciderId, question: r.question });
  const next = r.steps.findIndex((s) => !s.doneBy);
  const elements = [
    ...(next >= 0
      ? [
          {
            type: "button" as const,
            action_id: RB_STEP,
            text: { type: "plain_text" as const, text: t("t0.runbook.done", { n: next + 1 }) },
            value: `${r.id}.${r.version}:${next}`,
          },
        ]
      : []),
    ...(r.decision
      ? []
      : [
          {
            type: "button" as const,
            action_id: `${RB_DECIDE}_go`,
            style: "primary" as const,
            text: { type: "plain_text" as const, text: t("t0.runbook.go") },
            value: `${r.id}.${r.version}:go`,
          },
          {
            type: "button" as const,
            action_id: `${RB_DECIDE}_stop`,
            style: "danger" as const,
            text: { type: "plain_text" as const, text: t("t0.runbook.stop") },
            value: `${r.id}.${r.version}:stop`,
          },
        ]),
  ];
  const blocks: KnownBlock[] = [section(`*${title}*`), section(lines.join("\n")), section(decided)];
  if (elements.length) blocks.push({ type: "actions", elements });
  return { text: title, blocks };
}
