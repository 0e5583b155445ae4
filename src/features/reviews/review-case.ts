// "Open complaint case" on a review alert: the case's summary drafted from the review (platform,
// stars, SKU, order, the customer's words) in the opener's language.
import type { Deps } from "../../deps.ts";
import type { Translator } from "../../infra/i18n.ts";

export async function caseSummaryFor(deps: Deps, reviewId: string, t: Translator): Promise<string | undefined> {
  const r = await deps.db.review.findUnique({ where: { id: reviewId } });
  if (!r) return undefined;
  return t("reviews.case.summary", {
    platform: r.platform,
    stars: "★".repeat(r.rating),
    sku: r.sku,
    order: r.orderId ? t("reviews.case.order", { order: r.orderId }) : "",
    text: r.text,
  });
}
