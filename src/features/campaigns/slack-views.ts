// Submissions of the promotion modals. Field problems go back into the modal. The create form
// stays open and shows its outcome (and the creator's DM keeps it); the other forms close, and
// refusals from the services go to the user's DM.
import type { App } from "@slack/bolt";
import type { Deps } from "../../deps.ts";
import { DomainError } from "../../infra/errors.ts";
import { AlreadyDone } from "../../infra/db/seen.ts";
import { todayIn } from "../../infra/time.ts";
import { ackFirst } from "../../slack/ack.ts";
import { personOf } from "../../slack/handler-context.ts";
import { dmUser, errorText } from "../../slack/reply.ts";
import type { UserContext } from "../../people/people.ts";
import { createCampaign } from "./create-campaign.ts";
import { outcomeModal } from "./modals.ts";
import { VIEW_CREATE, VIEW_IMPORT, VIEW_ITEM, VIEW_RETRO } from "./ids.ts";
import { changeItem } from "./manage.ts";
import { postRetroReport, saveRetro } from "./retro.ts";
import { field, readCreateForm, readRetroForm, templateOf, type FormValues } from "./schema-forms.ts";
import { importTemplate, latestTemplate, parseTemplateYaml } from "./templates.ts";

const meta = (s: string) => {
  try {
    return JSON.parse(s || "{}") as Record<string, string>;
  } catch {
    return {};
  }
};

export function registerViews(app: App, deps: Deps): void {
  const run = async (user: UserContext, fn: () => Promise<unknown>) => {
    try {
      await fn();
    } catch (e) {
      if (e instanceof AlreadyDone)
        return void deps.log.info({ key: e.key }, "promotion form submitted again; nothing new made");
      await dmUser(deps, user.userId, { text: errorText(deps, user.locale, e, "promo modal") });
    }
  };

  registerCreate(app, deps, run);

  app.view(VIEW_ITEM, async ({ ack, body, view, context }) => {
    const v = view.state.values as FormValues;
    const user = await personOf(context);
    const status = field(v, "status")?.selected_option?.value as "open" | "done" | "na" | undefined;
    const reason = field(v, "reason")?.value?.trim() || null;
    if (status === "na" && !reason)
      return void (await ack({ response_action: "errors", errors: { reason: user.t("promo.error.reason") } }));
    await ackFirst(ack);
    await run(user, () =>
      changeItem(deps, meta(view.private_metadata).itemId ?? "", body.user.id, {
        status,
        ownerId: field(v, "owner")?.selected_user ?? undefined,
        note: field(v, "note")?.value?.trim() || null,
        naReason: reason,
      }),
    );
  });

  app.view(VIEW_RETRO, async ({ ack, body, view, context }) => {
    const user = await personOf(context);
    const read = readRetroForm(view.state.values as FormValues, user.t);
    if ("errors" in read) return void (await ack({ response_action: "errors", errors: read.errors }));
    await ackFirst(ack);
    await run(user, async () => {
      const c = await saveRetro(deps, meta(view.private_metadata).ref ?? "", body.user.id, read.ok);
      await postRetroReport(deps, c, body.user.id, view.id);
    });
  });

  app.view(VIEW_IMPORT, async ({ ack, body, view, context }) => {
    const user = await personOf(context);
    const yaml = field(view.state.values as FormValues, "yaml")?.value ?? "";
    try {
      parseTemplateYaml(yaml);
    } catch (e) {
      const text = e instanceof DomainError ? user.t(e.key, e.params) : String(e);
      return void (await ack({ response_action: "errors", errors: { yaml: text.slice(0, 1900) } }));
    }
    await ackFirst(ack);
    await run(user, async () => {
      const r = await importTemplate(deps, body.user.id, yaml);
      await dmUser(deps, body.user.id, { text: user.t("promo.template.imported", r) });
    });
  });
}

type Run = (user: UserContext, fn: () => Promise<unknown>) => Promise<void>;

/** The create form's submission: checked, then created, the outcome shown in the form itself. */
function registerCreate(app: App, deps: Deps, run: Run): void {
  app.view(VIEW_CREATE, async ({ ack, body, view, context }) => {
    const user = await personOf(context);
    const v = view.state.values as FormValues;
    const templateKnown = Boolean(await latestTemplate(deps.db, templateOf(v)));
    const read = readCreateForm(v, user.t, { today: todayIn(deps.clock.now(), user.timeZone), templateKnown });
    if ("errors" in read) return void (await ack({ response_action: "errors", errors: read.errors }));
    // The form stays open and answers there: "creating…" now, the outcome when it's known.
    await ack({ response_action: "update", view: outcomeModal(user.t, user.t("promo.modal.creating")) });
    await new Promise<void>((r) => setImmediate(r));
    const tell = (text: string) =>
      deps.slack
        .call("views.update", { view_id: view.id, view: outcomeModal(user.t, text) })
        .catch((e: unknown) => deps.log.warn({ err: e }, "could not show the outcome in the form"));
    await run(user, async () => {
      const f = read.ok;
      try {
        const c = await createCampaign(deps, {
          ...f,
          actorId: body.user.id,
          ownerId: f.ownerId ?? body.user.id,
          requestKey: `view:${view.id}`,
        });
        const said = user.t("promo.created", {
          number: c.number,
          name: c.name,
          date: c.eventDate,
          channel: c.channelId,
        });
        await tell(said);
        await dmUser(deps, body.user.id, { text: said });
      } catch (e) {
        if (!(e instanceof AlreadyDone)) await tell(errorText(deps, user.locale, e, "promo modal"));
        throw e;
      }
    });
  });
}
