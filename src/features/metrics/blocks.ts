// The anomaly alert's message: its text, and Acknowledge / Snooze / Create action.
import type { KnownBlock } from "@slack/types";
import { ACTION_ACK, ACTION_SNOOZE, ACTION_CREATE_TASK } from "./ids.ts";
import { t, type Locale } from "../../infra/i18n.ts";
import type { Grouping } from "../../outbox/message.ts";

export function alertBlocks(locale: Locale, text: string, alertId: string, footer?: string): KnownBlock[] {
  const blocks: KnownBlock[] = [{ type: "section", text: { type: "mrkdwn", text } }];
  if (footer) blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: footer }] });
  else {
    blocks.push({
      type: "actions",
      elements: [
        {
          type: "button",
          action_id: ACTION_ACK,
          text: { type: "plain_text", text: t(locale, "metrics.alert.ack") },
          value: alertId,
          style: "primary",
        },
        {
          type: "button",
          action_id: ACTION_SNOOZE,
          text: { type: "plain_text", text: t(locale, "metrics.alert.snooze") },
          value: alertId,
        },
        {
          type: "button",
          action_id: ACTION_CREATE_TASK,
          text: { type: "plain_text", text: t(locale, "metrics.alert.task") },
          value: alertId,
        },
      ],
    });
  }
  return blocks;
}

/** An anomaly alert as an item a roll-up can hold: an outage alerting every SKU is one message. */
export function alertNews(locale: Locale, text: string, level: string): Grouping {
  return {
    key: "metrics.alerts",
    item: {
      line: text.split("\n")[0]!,
      rank: level === "critical" ? 0 : level === "warning" ? 1 : 2,
      head: { title: "rollup.metrics.alerts", locale },
    },
  };
}
