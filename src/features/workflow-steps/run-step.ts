// One run of a step, from a function_executed event: read the inputs, run the service, and leave
// exactly one completion in the outbox (success with outputs, or an error naming what is wrong).
import type { Deps } from "../../deps.ts";
import { DomainError } from "../../infra/errors.ts";
import { newId } from "../../infra/ids.ts";
import { translator, type Locale } from "../../infra/i18n.ts";
import { unesc } from "../../infra/markup.ts";
import { AlreadyDone } from "../../infra/seen.ts";
import { userContext } from "../../people/people.ts";
import { stepById } from "./definitions.ts";
import { readInputs } from "./inputs.ts";
import { complete, SERVICES } from "./step-services.ts";

export interface Execution {
  executionId: string;
  callbackId: string;
  inputs: Record<string, unknown>;
}

/** The workflow's language: that of the person the step acts for, else the workspace's. */
async function localeOf(deps: Deps, e: Execution): Promise<Locale> {
  const def = stepById(e.callbackId);
  const person = def?.inputs.find(
    (p) =>
      p.type === "slack#/types/user_id" &&
      typeof e.inputs[p.name] === "string" &&
      /^[UW][A-Z0-9]{2,}$/.test(String(e.inputs[p.name])),
  );
  if (!person) return deps.config.DEFAULT_LOCALE;
  try {
    return (await userContext(deps, String(e.inputs[person.name]))).locale;
  } catch {
    return deps.config.DEFAULT_LOCALE;
  }
}

// Workflow Builder shows the error as plain text: no mrkdwn escapes or code marks, mentions as written.
const plain = (s: string) =>
  unesc(s)
    .replace(/`/g, "")
    .replace(/<@([UW][A-Z0-9]+)>/g, "@$1")
    .replace(/<#([CG][A-Z0-9]+)(\|[^>]*)?>/g, "#$1");

export async function runStep(deps: Deps, e: Execution): Promise<void> {
  const locale = await localeOf(deps, e);
  const t = translator(locale);
  const fail = (error: string) => complete(deps.db, deps, { executionId: e.executionId, error: plain(error) });
  const def = stepById(e.callbackId);
  if (!def) return void (await fail(t("step.error.unknown", { step: e.callbackId.slice(0, 60) })));
  try {
    const inputs = readInputs(def, e.inputs, locale, t);
    await SERVICES[def.callbackId]!({ deps, def, executionId: e.executionId, inputs, locale, t });
  } catch (err) {
    // The same run again (Slack's retry, or a replica that lost the race): the first one
    // queued the completion in the transaction that did the work.
    if (err instanceof AlreadyDone) return;
    if (err instanceof DomainError) return void (await fail(t(err.key, err.params)));
    const id = newId().slice(-8);
    deps.log.error({ err, errorId: id, step: def.callbackId }, "a workflow step failed");
    await fail(t("error.generic", { id }));
  }
}
