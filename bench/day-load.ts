// The peak of a Double 11 day, offered open-loop whatever the bot's speed: 60 commands a second
// from 500 people, /healthz every 250 ms, reviews and hourly metric rows through the webhooks,
// /reviews briefing now by an admin every 15 s, and the bot's RSS every second.
import { atRate, command, get, memoryMb, sleep } from "./lib.ts";

export const REVIEWS_TOKEN = "bench-reviews-token-0123456789";
export const METRICS_TOKEN = "bench-metrics-token-0123456789";

/** The commands people type at the peak, one in twenty each; `/complaint list` is a quarter. */
const MIX: [string, string][] = [
  ...Array<[string, string]>(5).fill(["/complaint", "list"]),
  ...Array<[string, string]>(4).fill(["/task", "mine"]),
  ...Array<[string, string]>(3).fill(["/promo", "list"]),
  ...Array<[string, string]>(2).fill(["/metrics", "now shop1"]),
  ...Array<[string, string]>(3).fill(["/shopops", "help"]),
  ...Array<[string, string]>(2).fill(["/task", "overdue"]),
  ["/reviews", "hints"],
];

export interface PeakOptions {
  botPort: number;
  fakePort: number;
  pid: number;
  seconds: number;
  commandsPerSecond: number;
  liveReviews: number;
  skus: number;
  /** Today in Shanghai, the date of the hourly rows. */
  today: string;
}

export interface PeakResult {
  acks: number[];
  health: number[];
  /** response_url id → [the command, when it was sent]. */
  sent: Map<string, [string, number]>;
  briefingsAskedAt: number[];
  reviewPosts: number[];
  metricPosts: number[];
  rss: number[];
  /** What went wrong with a request that got no 200, by message. */
  errors: Map<string, number>;
}

async function post(port: number, path: string, token: string, type: string, body: string): Promise<number> {
  const t0 = performance.now();
  const r = await fetch(`http://127.0.0.1:${port}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": type },
    body,
  });
  await r.text();
  if (r.status !== 200) throw new Error(`${path} answered ${r.status}`);
  return performance.now() - t0;
}

function reviewBatch(from: number, n: number, at: Date): string {
  const lines: string[] = [];
  for (let i = from; i < from + n; i++) {
    // One in a hundred is critical (an alert); a fifth are negative.
    const text = i % 100 === 0 ? `假货，要投诉 ${i}` : i % 5 === 0 ? `物流太慢了 ${i}` : `很好用 ${i}`;
    const rating = i % 100 === 0 ? 1 : i % 5 === 0 ? 2 : 5;
    lines.push(
      JSON.stringify({
        platform: "tmall",
        review_id: `L${i}`,
        sku: `SKU-${i % 1000}`,
        rating,
        text,
        time: at.toISOString(),
      }),
    );
  }
  return lines.join("\n");
}

function hourBatch(today: string, hour: number, skus: number): string {
  const rows = Array.from({ length: skus }, (_, s) => ({
    date: today,
    hour,
    store: "shop1",
    channel: "tmall",
    sku: `SKU-${s}`,
    uv: 200 + s,
    orders: 10 + (s % 7),
    buyers: 9 + (s % 7),
    gmv: 1000 + s,
  }));
  return JSON.stringify(rows);
}

/** Fires `count` calls of `fn` evenly over `seconds`, collecting their times. */
async function spread(count: number, seconds: number, fn: (i: number) => Promise<number>): Promise<number[]> {
  const out: Promise<number>[] = [];
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const wait = start + (i * seconds * 1000) / count - performance.now();
    if (wait > 0) await sleep(wait);
    out.push(fn(i).catch(() => Infinity));
  }
  return Promise.all(out);
}

export async function peak(o: PeakOptions): Promise<PeakResult> {
  const r: PeakResult = {
    acks: [],
    health: [],
    sent: new Map(),
    briefingsAskedAt: [],
    reviewPosts: [],
    metricPosts: [],
    rss: [],
    errors: new Map(),
  };
  const noted = (what: string) => (e: unknown) => {
    const k = `${what}: ${e instanceof Error ? e.message : String(e)}`;
    r.errors.set(k, (r.errors.get(k) ?? 0) + 1);
    throw e;
  };
  const end = performance.now() + o.seconds * 1000;
  let n = 0;
  const commands = atRate(o.commandsPerSecond, o.seconds, () => {
    const i = n++;
    const [cmd, text] = MIX[i % MIX.length]!;
    const id = `day${i}`;
    r.sent.set(id, [`${cmd} ${text}`, Date.now()]);
    return command(o.botPort, text, `U0P${(i * 7) % 500}`, {
      command: cmd,
      channel: "C0OPS",
      responseUrl: `http://127.0.0.1:${o.fakePort}/respond/${id}`,
    }).catch(noted(`${cmd} ${text}`));
  }).then((xs) => void r.acks.push(...xs));
  const probes = (async () => {
    while (performance.now() < end) {
      r.health.push(await get(o.botPort, "/healthz"));
      r.rss.push(memoryMb(o.pid));
      await sleep(250);
    }
  })();
  const briefings = spread(Math.max(1, Math.floor(o.seconds / 15)), o.seconds, (i) => {
    r.briefingsAskedAt.push(Date.now());
    return command(o.botPort, "briefing now <#C0BRIEFING|briefing>", "U0ADMIN", {
      command: "/reviews",
      channel: "C0BRIEFING",
      responseUrl: `http://127.0.0.1:${o.fakePort}/respond/brief${i}`,
    }).catch(noted("/reviews briefing now"));
  }).then((xs) => void r.acks.push(...xs));
  const batches = Math.ceil(o.liveReviews / 1000);
  const reviews = spread(batches, o.seconds, (b) =>
    post(
      o.botPort,
      "/webhooks/reviews",
      REVIEWS_TOKEN,
      "application/x-ndjson",
      reviewBatch(b * 1000, Math.min(1000, o.liveReviews - b * 1000), new Date()),
    ),
  ).then((xs) => void r.reviewPosts.push(...xs));
  const metrics = spread(24, o.seconds, (h) =>
    post(o.botPort, "/webhooks/metrics", METRICS_TOKEN, "application/json", hourBatch(o.today, h, o.skus)),
  ).then((xs) => void r.metricPosts.push(...xs));
  await Promise.all([commands, probes, briefings, reviews, metrics]);
  return r;
}
