// One run of a step, from a function_executed event: read the inputs, run the service, and leave
// exactly one completion in the outbox (success with outputs, or an error naming what is wrong).
import type { Deps } from "../../deps.ts";
import { DomainError } from "../../infra/errors.ts";
import { newId } from "../../infra/db/ids.ts";
import { translator, type Locale, type Translator } from "../../infra/i18n.ts";
import { unesc } from "../../infra/markup.ts";
import { AlreadyDone } from "../../infra/db/seen.ts";
import { userContext } from "../../people/people.ts";
import { stepById } from "./definitions.ts";
import { inputError, readInputs, type Value } from "./inputs.ts";
import { complete, ERROR_INPUTS, SERVICES } from "./step-services.ts";
import type { StepDef } from "./step-params.ts";

/** Every person an input names must be a person of the workspace (a removed owner is refused). */
async function checkPeople(deps: Deps, def: StepDef, inputs: Record<string, Value>, locale: Locale, t: Translator) {
  for (const p of def.inputs) {
    if (p.type !== "slack#/types/user_id" && !(p.type === "array" && p.items === "slack#/types/user_id")) continue;
    const v = inputs[p.name];
    for (const id of Array.isArray(v) ? v : typeof v === "string" ? [v] : []) {
      if ((await deps.people.exists(id)) === false)
        throw inputError(def, p.name, locale, t("step.problem.user", { value: id }));
    }
  }
}

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
    await checkPeople(deps, def, inputs, locale, t);
    await SERVICES[def.callbackId]!({ deps, def, executionId: e.executionId, inputs, locale, t });
  } catch (err) {
    // The same run again (Slack's retry, or a replica that lost the race): the first one
    // queued the completion in the transaction that did the work.
    if (err instanceof AlreadyDone) return;
    // A refusal about one input names it, as the workflow's author sees it.
    const about = err instanceof DomainError ? ERROR_INPUTS[def.callbackId]?.[err.key] : undefined;
    if (err instanceof DomainError && about) {
      const named = inputError(def, about, locale, t(err.key, err.params));
      return void (await fail(t(named.key, named.params)));
    }
    if (err instanceof DomainError) return void (await fail(t(err.key, err.params)));
    const id = newId().slice(-8);
    deps.log.error({ err, errorId: id, step: def.callbackId }, "a workflow step failed");
    await fail(t("error.generic", { id }));
  }
}
