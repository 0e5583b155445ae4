// Slack's other half: what Slack sends the bot when a person acts. Each request is built in the
// shape Slack documents, signed with the signing secret, and posted to the bot's /slack/events
// through its real receiver; what the bot acks with (a command's answer, a modal's errors or its
// next view) is applied to the workspace as Slack would apply it.
import { applyResponseAction } from "./response-action.ts";
import { escapeTyped } from "./typed-mentions.ts";
import type { SlackStandIn } from "./standin.ts";
import type { Message, OpenView } from "./workspace.ts";
import { stepById } from "../../features/workflow-steps/definitions.ts";
import { executionOf, functionExecutedEvent, type Execution } from "./workflows.ts";
import * as slack from "./payloads.ts";

export interface DriverOptions {
  /** The bot's /slack/events URL. */
  eventsUrl: string;
  signingSecret: string;
  teamId?: string;
}

type Json = Record<string, unknown>;

export class SlackDriver {
  private n = 0;
  constructor(
    private standin: SlackStandIn,
    private o: DriverOptions,
  ) {}

  private get ws() {
    return this.standin.ws;
  }

  private async send(body: string, contentType: string): Promise<{ status: number; text: string }> {
    const ts = Math.floor(this.standin.wall() / 1000);
    const sig = slack.slackSignature(this.o.signingSecret, ts, body);
    const res = await fetch(this.o.eventsUrl, {
      method: "POST",
      headers: { "content-type": contentType, "x-slack-request-timestamp": String(ts), "x-slack-signature": sig },
      body,
    });
    return { status: res.status, text: await res.text() };
  }

  private interaction(payload: Json) {
    return this.send(
      new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
      "application/x-www-form-urlencoded",
    );
  }

  /** Who acts, with a fresh trigger_id, as Slack would send it. */
  private actor(id: string): slack.Actor {
    const name = this.ws.people.get(id)?.name ?? id.toLowerCase();
    return {
      teamId: this.o.teamId ?? "T1",
      user: { id, name },
      appId: "A0SANDBOX",
      triggerId: this.standin.trigger(id),
      nowTs: `${this.standin.wall() / 1000}`,
    };
  }

  private channel(id: string) {
    return { id, name: this.ws.channels.get(id)?.name ?? id };
  }

  private eventIds() {
    return {
      eventId: `Ev${this.standin.wall().toString(36)}${++this.n}`,
      eventTime: Math.floor(this.standin.wall() / 1000),
    };
  }

  private parseAck(text: string): Json | undefined {
    if (!text) return undefined;
    try {
      return JSON.parse(text) as Json;
    } catch {
      return { text };
    }
  }

  /** A person types a slash command in a channel. */
  async command(userId: string, channel: string, command: string, text: string): Promise<void> {
    const id = `cmd${++this.n}${this.standin.wall().toString(36)}`;
    const responseUrl = this.standin.responseUrl(id, { channel, user: userId });
    const body = slack
      .slashCommand(this.actor(userId), {
        channel: this.channel(channel),
        command,
        text: escapeTyped(text, this.ws.people.values(), this.ws.channels.values(), true),
        responseUrl,
      })
      .toString();
    const r = await this.send(body, "application/x-www-form-urlencoded");
    const ack = r.status === 200 ? this.parseAck(r.text) : { text: `⚠️ ${command} failed: HTTP ${r.status}` };
    if (ack) this.standin.showResponse({ channel, user: userId }, ack);
  }

  /** A person writes a plain message (the bot isn't told: it doesn't listen to messages). */
  say(userId: string, channel: string, text: string, threadTs?: string): Message {
    const escaped = escapeTyped(text, this.ws.people.values(), this.ws.channels.values(), false);
    return this.ws.post({ channel, user: userId, text: escaped, threadTs });
  }

  /** A person presses a button or picks from a menu or a date picker in a message. */
  async messageAction(userId: string, m: Message, action: Json): Promise<void> {
    const id = `act${++this.n}${this.standin.wall().toString(36)}`;
    await this.interaction(
      slack.messageBlockAction(this.actor(userId), {
        channel: this.channel(m.channel),
        message: {
          ts: m.ts,
          text: m.text,
          blocks: m.blocks,
          bot_id: m.user ? undefined : "BBOT",
          thread_ts: m.threadTs,
        },
        ephemeral: Boolean(m.ephemeralFor),
        // A response_url of a message action may replace that message (replace_original).
        responseUrl: this.standin.responseUrl(id, { channel: m.channel, user: userId, ts: m.ts }),
        action,
      }),
    );
  }

  /** A person presses a button on their App Home tab. */
  async homeAction(userId: string, action: Json): Promise<void> {
    const view = { id: "VHOME", type: "home", ...(this.ws.homes.get(userId) ?? {}) };
    await this.interaction(slack.viewBlockAction(this.actor(userId), { view, action }));
  }

  /** A person uses an interactive element inside an open modal (Slack sends the view's state). */
  async viewAction(userId: string, view: OpenView, action: Json, values: Json): Promise<void> {
    const v = view.view;
    const state = {
      id: view.id,
      type: "modal",
      callback_id: v.callback_id,
      private_metadata: v.private_metadata ?? "",
      state: { values },
      hash: view.hash,
      blocks: v.blocks,
    };
    await this.interaction(slack.viewBlockAction(this.actor(userId), { view: state, action }));
  }

  /** A person picks a message shortcut from a message's ⋯ menu. */
  async messageShortcut(userId: string, callbackId: string, m: Message): Promise<void> {
    const id = `sc${++this.n}${this.standin.wall().toString(36)}`;
    const message = {
      ts: m.ts,
      text: m.text,
      ...(m.threadTs ? { thread_ts: m.threadTs } : {}),
      ...(m.user ? { user: m.user } : { bot_id: "BBOT" }),
      ...(m.files
        ? { files: m.files.map((f) => ({ id: f.id, name: f.name, title: f.title, mimetype: f.mimetype })) }
        : {}),
    };
    await this.interaction(
      slack.messageShortcut(this.actor(userId), {
        callbackId,
        channel: this.channel(m.channel),
        message,
        responseUrl: this.standin.responseUrl(id, { channel: m.channel, user: userId }),
      }),
    );
  }

  /** A person submits the top modal of their stack; Slack applies the bot's response_action. */
  async submitView(userId: string, view: OpenView, values: Json): Promise<{ errors?: Record<string, string> }> {
    const v = view.view;
    const r = await this.interaction(
      slack.viewSubmission(this.actor(userId), {
        id: view.id,
        callback_id: v.callback_id,
        private_metadata: v.private_metadata ?? "",
        state: { values },
        hash: view.hash,
        title: v.title,
        blocks: v.blocks,
      }),
    );
    const ack = r.status === 200 ? this.parseAck(r.text) : undefined;
    return applyResponseAction(this.ws, userId, view, ack, `${this.standin.wall()}`);
  }

  /** A person closes a modal with Cancel or ✕. */
  async closeView(userId: string, view: OpenView): Promise<void> {
    this.ws.setStack(
      userId,
      this.ws.stackOf(userId).filter((x) => x.id !== view.id),
    );
    if (view.view.notify_on_close) {
      await this.interaction({
        type: "view_closed",
        team: { id: this.o.teamId ?? "T1" },
        user: { id: userId, name: this.ws.people.get(userId)?.name ?? userId.toLowerCase() },
        view: { id: view.id, callback_id: view.view.callback_id, private_metadata: view.view.private_metadata ?? "" },
        is_cleared: false,
      });
    }
  }

  /** A person opens the bot's App Home tab. */
  async openHome(userId: string): Promise<void> {
    const event = {
      type: "app_home_opened",
      user: userId,
      channel: this.ws.dmOf(userId).id,
      tab: "home",
      event_ts: `${this.standin.wall() / 1000}`,
    };
    const body = JSON.stringify(
      slack.eventCallback({ teamId: this.o.teamId ?? "T1", appId: "A0SANDBOX" }, event, this.eventIds()),
    );
    await this.send(body, "application/json");
  }

  /**
   * Workflow Builder reaches one of the app's steps: the run is registered (so that Slack's
   * answers to functions.completeSuccess/completeError hold) and function_executed is sent.
   */
  async functionExecuted(callbackId: string, inputs: Record<string, unknown>): Promise<Execution> {
    const def = stepById(callbackId);
    if (!def) throw new Error(`no step ${callbackId} in the manifest`);
    const id = `Fx${this.standin.wall().toString(36).toUpperCase()}${(++this.n).toString(36).toUpperCase()}`;
    const e = executionOf(def, id);
    this.ws.executions.set(id, e);
    const event = functionExecutedEvent(def, id, inputs, this.standin.wall());
    const body = JSON.stringify(
      slack.eventCallback({ teamId: this.o.teamId ?? "T1", appId: "A0SANDBOX" }, event, this.eventIds()),
    );
    await this.send(body, "application/json");
    return e;
  }
}
