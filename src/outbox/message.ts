// What a message to Slack is, before the outbox (outbox.ts) queues it and the sender delivers it:
// its kind, its lane, how urgent it is and whether it may be grouped into a roll-up.
import type { KnownBlock, Block } from "@slack/types";
import { createHash } from "node:crypto";
import type { Locale, MessageKey, Params } from "../infra/i18n.ts";
import { inPersonsAction } from "../infra/request-context.ts";
import type { CanvasDocument } from "./canvas.ts";
import type { ListDocument } from "./list.ts";

export interface MessageBody {
  text: string;
  blocks?: (KnownBlock | Block)[];
  [extra: string]: unknown;
}

export type OutboxKind = "post" | "update" | "ephemeral" | "respond" | "file" | "complete" | "canvas" | "list";

/**
 * The end of a Workflow Builder step run (Slack's functions.completeSuccess / completeError). It is
 * queued like a message, in the same transaction as the work the step did, so the step completes
 * once: a crash before the commit leaves neither, a crash after leaves the completion to be sent.
 * `links` fills an output with the permalink of a message queued earlier (a task's card), once
 * that message has been posted.
 */
export interface StepCompletion {
  executionId: string;
  outputs?: Record<string, unknown>;
  error?: string;
  links?: Record<string, string>;
}

/**
 * How soon a message should go, lane against lane and within a lane: what a person just did
 * first, then urgent news (a VIP case, a critical alert), then news, then bulk (old cards brought
 * up to date, cards posted on request after a roll-up).
 */
export type Priority = "interactive" | "urgent" | "news" | "bulk";
export const PRIORITY: Record<Priority, number> = { interactive: 0, urgent: 1, news: 2, bulk: 3 };

/** What a roll-up is called and whom it calls: the same for every item of one key in one lane. */
export interface RollupHead {
  /** Shown with the roll-up's count as `{count}`. */
  title: MessageKey;
  params?: Params;
  locale: Locale;
  /** People (U…) and user groups (subteam^S…) the roll-up @-mentions, at most once per interval. */
  mentions?: string[];
}

/** A message's line in a roll-up, should it be folded into one. */
export interface RollupItem {
  /** One line of mrkdwn in the lane's language; people named in it are named, never pinged. */
  line: string;
  /** 0 the most urgent (a VIP), 1 urgent, 2 the rest: a roll-up lists the most urgent first. */
  rank: number;
  head: RollupHead;
}

/**
 * News that may be grouped: when the lane's queue would keep it waiting, it and the others of
 * the same key are folded into one roll-up message (src/slack/delivery) instead of each being
 * sent; replies in its thread and edits of it fold with it.
 */
export interface Grouping {
  key: string;
  item: RollupItem;
}

interface Common {
  body: MessageBody;
  /** Unset: interactive inside a person's own action, news otherwise (urgent if grouped so). */
  priority?: Priority;
  group?: Grouping;
  /** Makes enqueueing idempotent: a second enqueue with the same key returns the first row. */
  dedupeKey?: string;
  /** Whose action this message comes from: told in a DM, with what to do, if Slack refuses it for good. */
  actorId?: string;
}

export type OutgoingMessage =
  | (Common & {
      kind: "post";
      channel: string;
      threadTs?: string;
      /** Reply in the thread of an earlier queued message; sent once that one has its ts. */
      threadOfId?: string;
    })
  | (Common & {
      kind: "update";
      targetId: string;
      /**
       * An edit that may wait for chat.update's spare budget: once its message is shown, it waits
       * in a lane of its own ("d:"), never in front of the posts queued behind it in its channel.
       */
      aside?: boolean;
    })
  | (Common & { kind: "ephemeral"; channel: string; userId: string; threadTs?: string })
  | (Common & { kind: "respond"; responseUrl: string })
  /**
   * A file (a chart) shared in a channel or a DM, with body.text as its comment; or, with `share`
   * false, only uploaded, for a message's image block to show through
   * `slack_file: { id: fileRef(thisRowId) }`. An upload keeps the channel's lane (so it goes
   * before the message that shows it) but not its pace: nothing appears in the channel.
   */
  | (Common & {
      kind: "file";
      channel: string;
      file: { filename: string; title: string; altText: string; base64: string; share?: false };
    })
  | (Common & { kind: "complete"; step: StepCompletion })
  /**
   * A canvas in a channel, made or brought up to date (outbox/canvas.ts); body is the channel's
   * message that goes with it, and the whole of it where the workspace can't use canvases.
   */
  | (Common & { kind: "canvas"; channel: string; canvas: CanvasDocument })
  /** A Slack List kept in step with the bot's own list (outbox/list.ts), shared with the channel. */
  | (Common & { kind: "list"; channel: string; list: ListDocument });

/** An image block's slack_file id naming a file queued as an outbox row: the sender puts Slack's id there. */
export const fileRef = (outboxId: string): string => `outbox:${outboxId}`;

/** The outbox row that ends a step run: keyed by its execution id, so it is queued once. */
export const stepCompletion = (step: StepCompletion): OutgoingMessage => ({
  kind: "complete",
  step,
  body: { text: "" },
  dedupeKey: `fn:${step.executionId}`,
});

/**
 * Lanes Slack doesn't pace per channel: ephemeral replies, response_urls, step completions,
 * canvases ("v:", one lane per document so its edits keep their order), and edits put aside while
 * their channel was in a burst ("d:", paced by chat.update's own budget).
 */
export const isUnpacedLane = (lane: string) =>
  lane.startsWith("r:") ||
  lane.startsWith("e:") ||
  lane.startsWith("f:") ||
  lane.startsWith("d:") ||
  lane.startsWith("v:");

/** A DM lane: a person's DM with the bot (its channel is their user id). */
export const isDmLane = (lane: string) => /^[UW][A-Z0-9]+$/.test(lane);

/** The lane of a message whose lane doesn't depend on another row (all but edits). */
export function laneOf(msg: Exclude<OutgoingMessage, { kind: "update" }>): string {
  switch (msg.kind) {
    case "respond":
      // One lane per response_url, keyed by a digest: the URL itself is a credential.
      return "r:" + createHash("sha256").update(msg.responseUrl).digest("hex").slice(0, 24);
    case "ephemeral":
      return `e:${msg.channel}:${msg.userId}`;
    case "complete":
      return `f:${msg.step.executionId}`;
    case "canvas":
      return `v:${msg.canvas.key}`;
    case "list":
      return `v:${msg.list.key}`;
    default:
      return msg.channel;
  }
}

/** A message's priority as a number (see Priority); grouped news is never "interactive". */
export function priorityOf(msg: OutgoingMessage): number {
  if (msg.priority) return PRIORITY[msg.priority];
  if (msg.group) return msg.group.item.rank <= 1 ? PRIORITY.urgent : PRIORITY.news;
  return inPersonsAction() ? PRIORITY.interactive : PRIORITY.news;
}
