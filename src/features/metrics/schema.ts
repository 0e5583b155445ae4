// What /metrics accepts. A command with wrong parts names every one of them, each with what it
// should look like, so one retry is enough.
import type { MessageKey } from "../../infra/i18n.ts";
import { LEVELS, type Level } from "./rules.ts";

export type MetricsCommand =
  | { sub: "target"; store: string; month: string; gmv: number }
  | { sub: "now"; store: string }
  | { sub: "digest-off"; where: string; store: string }
  | {
      sub: "digest";
      where: string;
      store: string;
      cadence: "daily" | "weekly";
      weekday: number | null;
      time: string;
    }
  | { sub: "alerts-show" }
  | { sub: "alerts"; level: Level; channelId: string }
  | { sub: "rule-static"; warning: number; critical: number }
  | { sub: "rule-dynamic"; weeks: number; k: number }
  | { sub: "rule-correlated"; uvUp: number; conversionDown: number }
  | { sub: "import" }
  | { sub: "import-presets" };

export interface Problem {
  key: MessageKey;
  params: Record<string, string>;
}

export type MetricsParse =
  { ok: true; cmd: MetricsCommand } | { ok: false; problems: Problem[] } | { ok: false; usage: true };

const channelRe = /^<#([CG][A-Z0-9]+)(\|[^>]*)?>$/;
export const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const pctArg = (s: string | undefined) =>
  s && /^\d{1,2}(\.\d+)?%?$/.test(s) ? Number(s.replace("%", "")) / 100 : undefined;
const usage: MetricsParse = { ok: false, usage: true };
const wrong = (problems: Problem[]): MetricsParse => ({ ok: false, problems });

function parseTarget([store, month, gmv]: string[]): MetricsParse {
  if (!store) return usage;
  const problems: Problem[] = [];
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month ?? ""))
    problems.push({ key: "metrics.error.month", params: { month: month ?? "" } });
  if (!/^\d+(\.\d{1,2})?$/.test(gmv ?? "")) problems.push({ key: "metrics.error.gmv", params: { gmv: gmv ?? "" } });
  return problems.length
    ? wrong(problems)
    : { ok: true, cmd: { sub: "target", store, month: month!, gmv: Number(gmv) } };
}

function parseDigest(rest: string[], userId: string): MetricsParse {
  const off = rest[0] === "off";
  const args = off ? rest.slice(1) : rest;
  const where = args[0] === "me" ? userId : channelRe.exec(args[0] ?? "")?.[1];
  if (!where) return usage;
  const store = args[1] && !/^(daily|weekly)$/.test(args[1]) ? args[1] : "shop1";
  if (off) return { ok: true, cmd: { sub: "digest-off", where, store } };
  const after = args.slice(args[1] === store ? 2 : 1);
  const cadence = after[0] === "weekly" ? "weekly" : "daily";
  const weekday = cadence === "weekly" ? DAYS.indexOf((after[1] ?? "mon").toLowerCase()) + 1 : null;
  // A time that is not a time is refused, and nothing changes (it used to become 09:00 and
  // replace the subscription that was there).
  const timeWord = after.find((w) => /^\d{1,2}[:：]\d{1,2}$/.test(w));
  const problems: Problem[] = [];
  if (timeWord !== undefined && !/^([01]\d|2[0-3]):[0-5]\d$/.test(timeWord))
    problems.push({ key: "metrics.error.time", params: { time: timeWord } });
  if (weekday === 0) problems.push({ key: "metrics.error.weekday", params: { day: after[1] ?? "" } });
  if (problems.length) return wrong(problems);
  return { ok: true, cmd: { sub: "digest", where, store, cadence, weekday, time: timeWord ?? "09:00" } };
}

function parseRule([kind, a, b]: string[]): MetricsParse {
  if (kind === "static" && pctArg(a) && pctArg(b))
    return { ok: true, cmd: { sub: "rule-static", warning: pctArg(a)!, critical: pctArg(b)! } };
  if (kind === "dynamic" && Number.isInteger(Number(a)) && Number(a) >= 3 && Number(b) > 0)
    return { ok: true, cmd: { sub: "rule-dynamic", weeks: Number(a), k: Number(b) } };
  if (kind === "correlated" && pctArg(a) && pctArg(b))
    return { ok: true, cmd: { sub: "rule-correlated", uvUp: pctArg(a)!, conversionDown: pctArg(b)! } };
  return usage;
}

export function parseMetricsCommand(words: string[], userId: string): MetricsParse {
  const [sub = "", ...rest] = words;
  switch (sub.toLowerCase()) {
    case "target":
      return parseTarget(rest);
    case "now":
      return { ok: true, cmd: { sub: "now", store: rest[0] ?? "shop1" } };
    case "digest":
      return parseDigest(rest, userId);
    case "alerts": {
      if (rest.length === 0) return { ok: true, cmd: { sub: "alerts-show" } };
      const level = rest[0] as Level;
      const channelId = channelRe.exec(rest[1] ?? "")?.[1];
      return LEVELS.includes(level) && channelId ? { ok: true, cmd: { sub: "alerts", level, channelId } } : usage;
    }
    case "rule":
      return parseRule(rest);
    case "import":
      return { ok: true, cmd: { sub: /^(presets?|模板)$/i.test(rest[0] ?? "") ? "import-presets" : "import" } };
  }
  return usage;
}
