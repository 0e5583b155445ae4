// What a person does in the page, sent to the bot as Slack would send it: slash commands (and
// the demo workflow), messages, button presses, shortcuts, forms and the Home tab.
import type { ServerResponse } from "node:http";
import { sendJson } from "../infra/http-body.ts";
import type { Route } from "../slack/front-door.ts";
import { INTAKE_WORKFLOW, intakeForm } from "./demo-workflow.ts";
import { ok, type SandboxCtx } from "./routes-kit.ts";
import { sandboxWords } from "./sandbox-words.ts";
import { runWorkflow } from "./standin/workflow-runner.ts";
import { tickListItem } from "./standin/lists.ts";

// Workflow Builder's part: the demo workflow runs in the background (its wait step lasts until
// the case closes); a step that fails stops it, and Slack would tell the person who ran it.
function workflowStarter({ ws, driver }: SandboxCtx) {
  return (as: string, channel: string, text: string, res: ServerResponse) => {
    const form = intakeForm(text, channel);
    if (typeof form === "string") return sendJson(res, 400, { error: form, field: "text" });
    const w = sandboxWords(ws, as);
    void runWorkflow(driver.it, ws, INTAKE_WORKFLOW, as, form).then(
      (r) =>
        r.ok || ws.post({ channel: ws.dmOf(as).id, text: w.workflowStopped(INTAKE_WORKFLOW.title, r.step, r.error) }),
      (e: unknown) => ws.post({ channel: ws.dmOf(as).id, text: w.workflowFailed(INTAKE_WORKFLOW.title, String(e)) }),
    );
    ok(res);
  };
}

/**
 * `/review <1-5> <sku> <text>`, sandbox only: a customer's review through the bot's real reviews
 * webhook, to try a keyword. The answer (what the webhook took in) is shown to the person only.
 */
async function postReview(c: SandboxCtx, as: string, channel: string, text: string, res: ServerResponse) {
  const m = /^([1-5])\s+(\S+)\s+([\s\S]+)$/.exec(text.trim());
  const w = sandboxWords(c.ws, as);
  if (!m || !c.h.postReview) return sendJson(res, 400, { error: w.reviewUsage, field: "text" });
  const r = await c.h.postReview({ rating: Number(m[1]), sku: m[2]!, text: m[3]! });
  const taken = r.status === 200 && r.body.stored === 1;
  c.ws.post({
    channel,
    ephemeralFor: as,
    text: taken
      ? w.reviewSent(m[2]!, "★".repeat(Number(m[1])), Boolean(r.body.critical))
      : w.reviewRefused(r.status, JSON.stringify(r.body).slice(0, 300)),
  });
  ok(res);
}

export function actRoutes(c: SandboxCtx): Route[] {
  const { ws, driver, manifest, api, message } = c;
  const startWorkflow = workflowStarter(c);
  return [
    api("/sandbox/api/command", async (b, res) => {
      const text = String(b.text ?? "").trim();
      const m = /^(\/[\w-]+)\s*([\s\S]*)$/.exec(text);
      if (!m) return sendJson(res, 400, { error: "write a slash command, like /shopops help", field: "text" });
      if (m[1] === "/workflow") return startWorkflow(b.as, String(b.channel), m[2]!, res);
      if (m[1] === "/review") return postReview(c, b.as, String(b.channel), m[2]!, res);
      if (!manifest.features.slash_commands.some((c) => c.command === m[1]))
        return sendJson(res, 400, { error: `${m[1]} is not a command of this app`, field: "text" });
      await driver.it.command(b.as, String(b.channel), m[1]!, m[2]!);
      ok(res);
    }),
    api("/sandbox/api/message", async (b, res) => {
      driver.it.say(b.as, String(b.channel), String(b.text ?? ""), b.threadTs ? String(b.threadTs) : undefined);
      ok(res);
    }),
    api("/sandbox/api/action", async (b, res) => {
      if (typeof b.action !== "object" || !b.action)
        return sendJson(res, 400, { error: "say which action", field: "action" });
      if (b.viewId) {
        const v = ws.stackOf(b.as).find((x) => x.id === b.viewId);
        if (!v) return sendJson(res, 404, { error: "that form is closed" });
        await driver.it.viewAction(
          b.as,
          v,
          b.action as Record<string, unknown>,
          (b.values ?? {}) as Record<string, unknown>,
        );
      } else if (b.home) await driver.it.homeAction(b.as, b.action as Record<string, unknown>);
      else {
        const m = message(String(b.channel), String(b.ts));
        if (!m) return sendJson(res, 404, { error: "no such message" });
        await driver.it.messageAction(b.as, m, b.action as Record<string, unknown>);
      }
      ok(res);
    }),
    api("/sandbox/api/shortcut", async (b, res) => {
      const m = message(String(b.channel), String(b.ts));
      if (!m) return sendJson(res, 404, { error: "no such message" });
      await driver.it.messageShortcut(b.as, String(b.callbackId), m);
      ok(res);
    }),
    api("/sandbox/api/view/submit", async (b, res) => {
      const v = ws.stackOf(b.as).find((x) => x.id === b.viewId);
      if (!v) return sendJson(res, 404, { error: "that form is closed" });
      sendJson(res, 200, {
        ok: true,
        ...(await driver.it.submitView(b.as, v, (b.values ?? {}) as Record<string, unknown>)),
      });
    }),
    api("/sandbox/api/view/close", async (b, res) => {
      const v = ws.stackOf(b.as).find((x) => x.id === b.viewId);
      if (v) await driver.it.closeView(b.as, v);
      ok(res);
    }),
    // A person ticks a Slack List's checkbox in Slack: the bot learns of it when it reads the List back.
    api("/sandbox/api/list/tick", async (b, res) => {
      const done = tickListItem(ws, {
        listId: String(b.listId),
        itemId: String(b.itemId),
        column: String(b.column),
        checked: b.checked === true,
        by: b.as,
      });
      if (!done) return sendJson(res, 404, { error: "no such List row" });
      ok(res);
    }),
    api("/sandbox/api/home", async (b, res) => {
      await driver.it.openHome(b.as);
      ok(res);
    }),
  ];
}
