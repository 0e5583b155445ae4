// Seeded, property-based fuzzing of everything a client can send: slash commands for every
// manifest command, interaction payloads for every action, view and shortcut id, events, webhook
// bodies, odd content types and oversized bodies. Whatever arrives: no 5xx, every slash command
// answered within Slack's 3 s, the bot still healthy, and nothing posted that pings a channel.
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ACTION as COMPLAINT } from "../../src/features/complaints/ids.ts";
import { ACTION as PROMO } from "../../src/features/campaigns/ids.ts";
import { ACTION as RACI } from "../../src/features/raci/ids.ts";
import { broadcastsIn } from "../support/broadcast.ts";
import { startHarness, until, type Harness } from "../support/harness.ts";
import { blockAction, complaintValues, messageShortcut, viewSubmission } from "../support/payloads.ts";
import { eventCallback, interaction, postSigned, slashCommand } from "../support/signed.ts";
import { setUpTiers } from "./complaints-support.ts";

const manifest = parse(readFileSync("manifest.yml", "utf8")) as {
  features: { slash_commands: { command: string }[]; shortcuts: { callback_id: string }[] };
};
const COMMANDS = manifest.features.slash_commands.map((c) => c.command);
const SHORTCUTS = manifest.features.shortcuts.map((s) => s.callback_id);
const ACTIONS = [
  ...Object.values(COMPLAINT),
  ...(Object.values(PROMO).filter((a) => typeof a === "string") as string[]),
  "promo_item_done_home_x",
  "promo_calendar_create_double11_2027-11-11",
  ...Object.values(RACI),
  "raci_snooze",
  "metrics_alert_ack",
  "metrics_alert_snooze",
  "metrics_alert_task",
  "reviews_open_case_x",
  "no_such_action",
];
const VIEWS = [
  "complaint_create",
  "complaint_escalate_now",
  "complaint_remedy",
  "promo_create",
  "promo_item",
  "promo_retro",
  "promo_template_import",
  "raci_create",
  "raci_reason",
  "no_such_view",
];

const HOSTILE = [
  "<!channel>",
  "<!here>",
  "<!everyone>",
  "<!subteam^S1>",
  "<@U0BOSS>",
  "<#C0X>",
  "&lt;",
  "<https://evil.io|x>",
  "\u0000",
  "\u202e",
  "💥",
  "雙11",
  "%00",
  "'; DROP TABLE",
  "../../",
  "${x}",
  "{{x}}",
  "9".repeat(40),
];
const word = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    "new",
    "list",
    "tier",
    "policy",
    "report",
    "target",
    "digest",
    "rule",
    "alerts",
    "keyword",
    "add",
    "remove",
    "briefing",
    "now",
    "off",
    "me",
    "role",
    "flow",
    "matrix",
    "move",
    "cancel",
    "gate",
    "retro",
    "template",
    "export",
    "import",
    "2026-02-31x",
    "2027-11-11",
    "25:61",
    "-1",
    "1e309",
    "NaN",
    "<#C0OPS|ops>",
    "<@U0LEAD|lead>",
    "shop1",
    "daily",
    "weekly",
  ),
);
const text = fc.array(word, { maxLength: 7 }).map((w) => w.join(" "));
const anyJson = fc.jsonValue({ maxDepth: 3 });
const value = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom(...HOSTILE),
  anyJson.map((v) => JSON.stringify(v)),
);

type Sent = { kind: string; status: number; ms: number };

describe("fuzzing every way in", () => {
  let h: Harness;
  let ids: string[] = [];
  const sent: Sent[] = [];

  beforeAll(async () => {
    h = await startHarness({
      env: {
        ADMIN_USER_IDS: "U0ADMIN",
        REVIEWS_WEBHOOK_TOKEN: "review-webhook-token-0123456789",
        METRICS_WEBHOOK_TOKEN: "metric-webhook-token-0123456789",
      },
    });
    await setUpTiers(h);
    // Real objects, so that fuzzed button values sometimes name something that exists.
    await slashCommand(h.baseUrl, {
      command: "/promo",
      text: "new 雙11 2030-11-11",
      user_id: "U0ADMIN",
      channel_id: "C0OPS",
      response_url: h.fake.responseUrl("p"),
    });
    await until(async () => (await h.bot.deps.db.campaignItem.count()) > 0);
    const items = await h.bot.deps.db.campaignItem.findMany({ take: 3 });
    const camp = await h.bot.deps.db.campaign.findFirstOrThrow();
    ids = [
      camp.id,
      ...items.map((i) => i.id),
      ...items.map((i) => `done:${i.id}`),
      ...items.map((i) => `edit:${i.id}`),
    ];
  });
  afterAll(() => h.stop());

  const timed = async (kind: string, f: () => Promise<{ status: number }>) => {
    const started = performance.now();
    const r = await f();
    sent.push({ kind, status: r.status, ms: performance.now() - started });
    return r;
  };
  const user = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom("U0ADMIN", "U0AGENT", "U0NOBODY") },
    { weight: 1, arbitrary: fc.constantFrom("", "W0GUEST", "<!channel>") },
  );
  const idOrValue = () => fc.oneof(value, fc.constantFrom(...(ids.length ? ids : ["x"])));

  it("survives 340 seeded malformed requests with no 5xx, every command acked within 3 s, and no broadcast posted", async () => {
    const command = fc.record({ command: fc.constantFrom(...COMMANDS), text, user });
    const action = fc.record({
      actionId: fc.constantFrom(...ACTIONS),
      value: idOrValue(),
      selected: fc.option(idOrValue(), { nil: undefined }),
      user,
      drop: fc.constantFrom(undefined, "user", "actions", "container", "channel", "trigger_id"),
    });
    const view = fc.record({
      callbackId: fc.constantFrom(...VIEWS),
      user,
      meta: fc.oneof(value, fc.constant("{}"), fc.constant('{"caseId":"x"}')),
      values: fc.oneof(
        fc.constant(
          complaintValues({
            order: "A-1",
            customer: "<!channel>",
            cause: "quality",
            urgency: "urgent",
            summary: "<!here>",
          }),
        ),
        fc.dictionary(
          fc.string({ maxLength: 8 }),
          fc.dictionary(fc.string({ maxLength: 8 }), fc.record({ type: fc.string({ maxLength: 10 }), value: value })),
        ),
      ),
    });
    const shortcut = fc.record({
      callbackId: fc.constantFrom(...SHORTCUTS, "nope"),
      user,
      message: fc.record({
        ts: fc.string({ maxLength: 12 }),
        text: value,
        files: fc.option(
          fc.array(
            fc.record({
              id: fc.string({ maxLength: 12 }),
              name: fc.string({ maxLength: 12 }),
              url_private: fc.constantFrom("http://127.0.0.1:1/x", "https://evil.io/x"),
            }),
            { maxLength: 2 },
          ),
          { nil: undefined },
        ),
      }),
    });
    const event = fc.record({
      type: fc.constantFrom("app_home_opened", "message", "app_mention", "function_executed", "nope"),
      user: fc.string({ maxLength: 12 }),
      tab: fc.constantFrom("home", "messages", 7 as unknown as string),
    });
    const webhook = fc.record({
      path: fc.constantFrom("/webhooks/reviews", "/webhooks/metrics"),
      body: fc.oneof(
        anyJson.map((v) => JSON.stringify(v)),
        fc.string({ maxLength: 200 }),
        fc
          .array(
            fc.dictionary(
              fc.constantFrom(
                "platform",
                "review_id",
                "sku",
                "rating",
                "text",
                "time",
                "date",
                "store",
                "uv",
                "gmv",
                "hour",
              ),
              anyJson,
            ),
            { maxLength: 4 },
          )
          .map((v) => JSON.stringify(v)),
      ),
      type: fc.constantFrom("application/json", "text/plain", "application/x-ndjson", "multipart/form-data", ""),
    });
    const odd = fc.record({
      type: fc.constantFrom(
        "text/plain",
        "application/xml",
        "application/json; charset=utf-8",
        "application/x-www-form-urlencoded; charset=utf-8",
        "",
      ),
      body: fc.string({ maxLength: 100 }),
    });

    const request = fc.oneof(
      { weight: 4, arbitrary: command.map((c) => ["command", c] as const) },
      { weight: 4, arbitrary: action.map((a) => ["action", a] as const) },
      { weight: 2, arbitrary: view.map((v) => ["view", v] as const) },
      { weight: 1, arbitrary: shortcut.map((s) => ["shortcut", s] as const) },
      { weight: 1, arbitrary: event.map((e) => ["event", e] as const) },
      { weight: 2, arbitrary: webhook.map((w) => ["webhook", w] as const) },
      { weight: 1, arbitrary: odd.map((o) => ["odd", o] as const) },
    );

    await fc.assert(
      fc.asyncProperty(request, async ([kind, r]) => {
        let res: { status: number };
        switch (kind) {
          case "command":
            res = await timed(kind, () =>
              slashCommand(h.baseUrl, {
                command: r.command,
                text: r.text,
                user_id: r.user,
                channel_id: "C0OPS",
                response_url: h.fake.responseUrl(),
              }),
            );
            break;
          case "action": {
            const p = blockAction({
              user: r.user,
              channel: "C0OPS",
              messageTs: "1.1",
              actionId: r.actionId,
              value: r.value,
              selected: r.selected,
              responseUrl: h.fake.responseUrl(),
            }) as Record<string, unknown>;
            if (r.drop) delete p[r.drop];
            res = await timed(kind, () => interaction(h.baseUrl, p));
            break;
          }
          case "view":
            res = await timed(kind, () =>
              interaction(
                h.baseUrl,
                viewSubmission({
                  user: r.user,
                  callbackId: r.callbackId,
                  privateMetadata: r.meta,
                  values: r.values as Record<string, Record<string, unknown>>,
                }),
              ),
            );
            break;
          case "shortcut":
            res = await timed(kind, () =>
              interaction(
                h.baseUrl,
                messageShortcut({
                  callbackId: r.callbackId,
                  user: r.user,
                  channel: "C0OPS",
                  responseUrl: h.fake.responseUrl(),
                  message: r.message as Record<string, unknown>,
                }),
              ),
            );
            break;
          case "event":
            res = await timed(kind, () =>
              eventCallback(h.baseUrl, { type: r.type, user: r.user, tab: r.tab, channel: "D1", event_ts: "1.2" }),
            );
            break;
          case "webhook":
            res = await timed(kind, () =>
              fetch(`${h.baseUrl}${r.path}`, {
                method: "POST",
                headers: {
                  authorization: `Bearer ${r.path.includes("reviews") ? "review" : "metric"}-webhook-token-0123456789`,
                  ...(r.type ? { "content-type": r.type } : {}),
                },
                body: r.body,
              }),
            );
            break;
          default:
            res = await timed(kind, () => postSigned(h.baseUrl, r.body, r.type));
        }
        expect(res.status, `${kind} ${JSON.stringify(r).slice(0, 300)}`).toBeLessThan(500);
      }),
      { seed: 20261129, numRuns: 320, endOnFailure: true },
    );

    // Oversized bodies on every way in.
    const big = "x".repeat(6 * 1024 * 1024);
    for (const path of ["/webhooks/reviews", "/webhooks/metrics"]) {
      const r = await timed("big", () =>
        fetch(`${h.baseUrl}${path}`, {
          method: "POST",
          headers: { authorization: "Bearer review-webhook-token-0123456789", "content-type": "application/json" },
          body: big,
        }),
      );
      expect(r.status).toBeLessThan(500);
    }
    for (let i = 0; i < 18; i++) {
      const r = await timed("big", () =>
        postSigned(h.baseUrl, `payload=${big.slice(0, (i + 1) * 200_000)}`, "application/x-www-form-urlencoded"),
      );
      expect(r.status).toBeLessThan(500);
    }

    expect(sent.length).toBeGreaterThanOrEqual(340);
    expect(sent.filter((s) => s.status >= 500)).toEqual([]);
    const commands = sent.filter((s) => s.kind === "command");
    expect(commands.length).toBeGreaterThan(50);
    expect(Math.max(...commands.map((c) => c.ms))).toBeLessThan(3000);
    expect((await fetch(`${h.baseUrl}/healthz`)).status).toBe(200);

    // Let every queued message go out, then look at everything Slack was asked to show.
    await until(
      async () =>
        (await h.bot.deps.db.outboxMessage.count({ where: { status: { in: ["pending", "sending"] } } })) === 0,
      30_000,
    );
    const shown = [
      ...[
        "chat.postMessage",
        "chat.update",
        "chat.postEphemeral",
        "views.open",
        "views.publish",
        "views.update",
        "files.completeUploadExternal",
      ].flatMap((m) => h.fake.callsOf(m).map((c) => c.args)),
      ...h.fake.responses.map((r) => r.body),
    ];
    expect(shown.length).toBeGreaterThan(50);
    expect(shown.flatMap((b) => broadcastsIn(b))).toEqual([]);
    expect(h.logs.join("")).not.toContain("uncaught");
    // Nothing a client sent made a handler fail: odd values are logged as warnings and ignored.
    expect(h.logs.filter((l) => l.includes('"level":50')).map((l) => l.slice(0, 300))).toEqual([]);
  }, 180_000);
});
