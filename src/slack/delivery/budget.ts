// Slack's per-workspace limits of the methods the sender calls, as token buckets kept in the
// database (SlackBudget) and shared by every replica. The sender takes a token before each call;
// a method with none left holds its lanes until one is due, so Slack has no reason to answer 429.
// Limits are per app per workspace per method (https://docs.slack.dev/apis/web-api/rate-limits):
// Tier 3 is 50+ a minute, Tier 4 100+; chat.postMessage is about one a second per channel (the
// lanes pace that) under a workspace-wide cap Slack doesn't publish (DELIVERY_POSTS_PER_MINUTE).
import { toDate, type Sql } from "../../infra/db/sql.ts";
import { PRIORITY } from "../../outbox/message.ts";

export interface Limit {
  perMinute: number;
  /** How many may go at once after a quiet spell. */
  burst: number;
}

export interface Budgets {
  limits: Record<string, Limit>;
  /**
   * Tokens kept back from bulk work (old cards brought up to date, a DM's later pages): what a
   * person just did, and news, still find a token while thousands of bulk messages wait.
   */
  reserve: Record<string, number>;
}

/** The limits the sender keeps to: a tenth under Slack's, so a clock's drift never tips it over. */
export function slackBudgets(o: { postsPerMinute: number; editsPerMinute: number }): Budgets {
  const under = (perMinute: number, burstShare = 1 / 6): Limit => ({
    perMinute: perMinute * 0.9,
    burst: Math.max(1, Math.floor(perMinute * 0.9 * burstShare)),
  });
  const tier3 = under(50);
  const tier4 = under(100);
  const edits = under(o.editsPerMinute, 1 / 5);
  const posts = under(o.postsPerMinute);
  // 0 means "no budget" (tests against a fake Slack that doesn't count).
  const some = (name: string, perMinute: number, l: Limit) => (perMinute > 0 ? { [name]: l } : {});
  return {
    limits: {
      ...some("chat.postMessage", o.postsPerMinute, posts),
      ...some("chat.update", o.editsPerMinute, edits),
      "chat.postEphemeral": tier4,
      "conversations.history": tier3,
      "conversations.replies": tier3,
      "conversations.open": tier3,
      "files.getUploadURLExternal": tier4,
      "files.completeUploadExternal": tier4,
    },
    // Posts too: 200 owners' later pages (bulk) took the posts their last owners' first DMs (news)
    // waited for, 73 s late, when every replica's claim took whichever lane came first.
    reserve: {
      "chat.update": Math.max(1, Math.floor(edits.burst / 2)),
      "chat.postMessage": Math.max(1, Math.floor(posts.burst / 6)),
    },
  };
}

/** The methods one outbox message costs, by its kind (a file is three calls). */
export function methodsOf(kind: string, channel: string | null, inDoubt: boolean): string[] {
  switch (kind) {
    case "update":
      return ["chat.update"];
    case "ephemeral":
      return ["chat.postEphemeral"];
    case "file":
      return [
        ...(channel && /^[UW]/.test(channel) ? ["conversations.open"] : []),
        "files.getUploadURLExternal",
        "files.completeUploadExternal",
      ];
    case "post":
      return inDoubt ? ["conversations.history", "chat.postMessage"] : ["chat.postMessage"];
    default:
      return [];
  }
}

interface Bucket {
  tokens: number;
  at: number;
  dirty: boolean;
}

/** The buckets as one claim sees them: read once, spent in memory, written back together. */
export class BudgetBook {
  private constructor(
    private readonly b: Budgets,
    private readonly buckets: Map<string, Bucket>,
    private readonly nowMs: number,
  ) {}

  /** Reads the buckets, locking them on PostgreSQL until the claim's transaction ends. */
  static async open(q: Sql, b: Budgets, now: Date): Promise<BudgetBook> {
    const lock = q.dialect === "postgres" ? " FOR UPDATE" : "";
    // Every bucket exists before anyone reads it: two replicas can't each start a missing one full.
    const methods = Object.keys(b.limits);
    if (methods.length) {
      await q.run(
        `INSERT INTO "SlackBudget" ("method", "tokens", "at") VALUES ${methods.map(() => "(?, ?, ?)").join(", ")}
         ON CONFLICT ("method") DO NOTHING`,
        methods.flatMap((m) => [m, b.limits[m]!.burst, now]),
      );
    }
    const rows = await q.all<{ method: string; tokens: unknown; at: unknown }>(
      `SELECT "method", "tokens", "at" FROM "SlackBudget"${lock}`,
    );
    const buckets = new Map<string, Bucket>();
    for (const r of rows) buckets.set(r.method, { tokens: Number(r.tokens), at: toDate(r.at).getTime(), dirty: false });
    return new BudgetBook(b, buckets, now.getTime());
  }

  private bucket(method: string): Bucket | undefined {
    const limit = this.b.limits[method];
    if (!limit) return undefined;
    let k = this.buckets.get(method);
    if (!k) this.buckets.set(method, (k = { tokens: limit.burst, at: this.nowMs, dirty: true }));
    // A clock moved back (the sandbox's "Now") refills nothing and takes nothing away.
    const elapsed = this.nowMs - k.at;
    if (elapsed !== 0) {
      if (elapsed > 0) k.tokens = Math.min(limit.burst, k.tokens + (elapsed * limit.perMinute) / 60_000);
      k.at = this.nowMs;
      k.dirty = true;
    }
    return k;
  }

  /**
   * Takes a token of each method, or none: undefined when taken, else when the scarcest method
   * will have one again (ms since the epoch).
   */
  take(methods: readonly string[], priority: number): number | undefined {
    let wait = 0;
    for (const m of methods) {
      const k = this.bucket(m);
      if (!k) continue;
      const keep = priority >= PRIORITY.bulk ? (this.b.reserve[m] ?? 0) : 0;
      const short = keep + 1 - k.tokens;
      if (short > 0) wait = Math.max(wait, Math.ceil((short * 60_000) / this.b.limits[m]!.perMinute));
    }
    if (wait > 0) return this.nowMs + wait;
    for (const m of methods) {
      const k = this.bucket(m);
      if (!k) continue;
      k.tokens -= 1;
      k.dirty = true;
    }
    return undefined;
  }

  async save(q: Sql): Promise<void> {
    for (const [method, k] of [...this.buckets].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (!k.dirty) continue;
      await q.run(
        `INSERT INTO "SlackBudget" ("method", "tokens", "at") VALUES (?, ?, ?)
         ON CONFLICT ("method") DO UPDATE SET "tokens" = excluded."tokens", "at" = excluded."at"`,
        [method, k.tokens, new Date(k.at)],
      );
    }
  }
}
