import type { Translator } from "../../infra/i18n.ts";
import type { Feature } from "../../feature.ts";
import type { MessageBody } from "../../outbox/message.ts";

const helpCache = new WeakMap<readonly Feature[], Map<string, MessageBody>>();

/** The help message, built once per language (it is the same for everyone who reads it). */
export function helpMessage(t: Translator, features: readonly Feature[], localeName: string): MessageBody {
  let byLocale = helpCache.get(features);
  if (!byLocale) helpCache.set(features, (byLocale = new Map()));
  const hit = byLocale.get(localeName);
  if (hit) return hit;
  const built = buildHelp(t, features, localeName);
  byLocale.set(localeName, built);
  return built;
}

function buildHelp(t: Translator, features: readonly Feature[], localeName: string): MessageBody {
  const lines = features.flatMap((f) => f.commands.flatMap((c) => c.help.map((k) => `• ${t(k)}`)));
  const text = [`*${t("help.title")}*`, t("help.intro"), ...lines, t("help.footer", { locale: localeName })].join("\n");
  return {
    text,
    blocks: [
      { type: "header", text: { type: "plain_text", text: t("help.title") } },
      { type: "section", text: { type: "mrkdwn", text: t("help.intro") } },
      { type: "section", text: { type: "mrkdwn", text: lines.join("\n") } },
      { type: "context", elements: [{ type: "mrkdwn", text: t("help.footer", { locale: localeName }) }] },
    ],
  };
}

export function homeView(t: Translator, sections: unknown[][], updated: string) {
  const body = sections.flat();
  return {
    type: "home",
    blocks: [
      { type: "header", text: { type: "plain_text", text: t("home.title") } },
      ...(body.length ? body : [{ type: "section", text: { type: "mrkdwn", text: t("home.empty") } }]),
      { type: "context", elements: [{ type: "mrkdwn", text: updated }] },
    ],
  };
}
