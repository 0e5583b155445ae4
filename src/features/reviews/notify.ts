// How the review feature's news reaches Slack: through the outbox, with the messages blocks.ts
// draws. Services call these; they never draw blocks themselves.
import type { Deps } from "../../deps.ts";
import type { Review } from "../../generated/prisma/client.ts";
import type { Db } from "../../infra/db/db.ts";
import type { Locale } from "../../infra/i18n.ts";
import { alertMessage, reviewNews } from "./blocks.ts";

/** A SKU's first critical reviews of the hour: one message in the alert channel (a roll-up line in a flood). */
export async function postAlert(
  db: Db,
  deps: Deps,
  o: { channel: string; sku: string; reviews: Review[]; locale: Locale },
): Promise<string> {
  const { id } = await deps.outbox.enqueue(db, {
    kind: "post",
    channel: o.channel,
    body: alertMessage(deps, o.sku, o.reviews, o.locale),
    group: reviewNews(o.locale, o.reviews[0]!),
  });
  return id;
}

/** The same SKU again within the hour: its message is edited to hold them all. */
export async function updateAlert(
  db: Db,
  deps: Deps,
  o: { messageId: string; sku: string; reviews: Review[]; locale: Locale },
): Promise<void> {
  await deps.outbox.enqueue(db, {
    kind: "update",
    targetId: o.messageId,
    body: alertMessage(deps, o.sku, o.reviews, o.locale),
  });
}
