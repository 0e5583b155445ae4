// Scenario 3: waves of the other features. 100 promotions (5 each for 20 owners) whose first 09:00
// reminders fall due together: each owner should get one DM listing theirs. Then one review import
// of 5,000 critical reviews (5,000 SKUs): the alert channel gets a roll-up per interval, and the
// alerts listed match the alerts raised.
import { doubled, fetchRecord, type Call } from "./burst-measure.ts";
import { moveFirstWave } from "./day-promos.ts";
import { command, sqliteDb, startBots, startLimitedFake, tempSqlite, waitUntil } from "./burst-setup.ts";

const TOKEN = "bench-reviews-token-0123456789";

const dmsTo = (calls: Call[], user: string, from: number) =>
  calls.filter((c) => c.method === "chat.postMessage" && c.args.channel === user && c.at >= from);

export async function wavesRun(): Promise<void> {
  const path = tempSqlite();
  const fake = await startLimitedFake();
  const [bot] = await startBots(fake.port, 1, { DATABASE_URL: `file:${path}`, REVIEWS_WEBHOOK_TOKEN: TOKEN });
  const db = sqliteDb(path);
  try {
    // "09:00" comes: the first wave of reminders is moved to a few seconds from now.
    const wave = await moveFirstWave(bot!.port, fake.port, path, db, { owner: "U0OWNER", inMs: 8_000 });
    const [waveAt, moved] = [wave.at, wave.items];
    await waitUntil(
      async () =>
        (await db.count(`SELECT COUNT(*) AS n FROM "Timer" WHERE kind = 'promo.remind' AND status = 'done'`)) >= moved,
      120_000,
    );
    await waitUntil(
      async () =>
        (await db.count(
          `SELECT COUNT(*) AS n FROM "OutboxMessage" WHERE status = 'pending' AND lane LIKE 'U0OWNER%'`,
        )) === 0,
      120_000,
    );
    const rec = await fetchRecord(fake.port);
    const perOwner = Array.from({ length: 20 }, (_, o) => dmsTo(rec.calls, `U0OWNER${o}`, waveAt - 1000));
    const listed = perOwner.map((dms) =>
      dms.reduce((s, d) => s + Math.max(1, (String(d.args.text).match(/\n• /g) ?? []).length), 0),
    );
    // A wave's DM is one message; what joins it later goes in its thread.
    const topLevel = perOwner.map((dms) => dms.filter((d) => !d.args.thread_ts).length);
    console.log(
      `\n  reminders: ${moved} due at one 09:00 for 20 owners; DMs per owner: ${[...new Set(topLevel)].join(", ")} (and ${[...new Set(perOwner.map((d, i) => d.length - topLevel[i]!))].join(", ")} in its thread); items listed in them: ${listed.reduce((a, b) => a + b, 0)} of ${moved}`,
    );

    // One import of 5,000 critical reviews.
    await command(bot!.port, "U0ADMIN", "/reviews", "channel <#C0REVIEWS|reviews>", fake.port);
    await waitUntil(
      async () => (await db.count(`SELECT COUNT(*) AS n FROM "ReviewSetting" WHERE key = 'alertChannel'`)) === 1,
      10_000,
    );
    const now = new Date();
    const lines = Array.from({ length: 5000 }, (_, i) =>
      JSON.stringify({
        platform: "tmall",
        review_id: `R${i}`,
        sku: `SKU-${i}`,
        rating: 1,
        text: `收到就坏了，要投诉 ${i}`,
        time: now.toISOString(),
      }),
    );
    const sentAt = Date.now();
    const res = await fetch(`http://127.0.0.1:${bot!.port}/webhooks/reviews`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/x-ndjson" },
      body: lines.join("\n"),
    });
    const raised = async () => db.count(`SELECT COUNT(*) AS n FROM "ReviewAlert"`);
    await waitUntil(async () => (await raised()) === 5000, 300_000, 1000);
    await waitUntil(
      async () =>
        (await db.count(
          `SELECT COUNT(*) AS n FROM "OutboxMessage" WHERE status = 'pending' AND lane = 'C0REVIEWS'`,
        )) === 0,
      300_000,
      1000,
    );
    const after = await fetchRecord(fake.port);
    const inChannel = after.calls.filter(
      (c) => c.method === "chat.postMessage" && c.args.channel === "C0REVIEWS" && c.at >= sentAt,
    );
    const shown = new Set(
      inChannel.flatMap((c) => [...String(c.args.text).matchAll(/SKU SKU-(\d+)/g)].map((m) => m[1])),
    );
    const parents = inChannel.filter((c) => !c.args.thread_ts);
    const spanS = (Math.max(...inChannel.map((c) => c.at)) - sentAt) / 1000;
    console.log(
      `  review import: HTTP ${res.status}; alerts raised ${await raised()}; posts in the alert channel ${inChannel.length} (${parents.length} top-level, over ${spanS.toFixed(0)} s); alerts listed ${shown.size} of 5000`,
    );
    console.log(`  whole run: 429s ${after.rateLimited}; landed twice ${doubled(after.landed)}`);
  } finally {
    await db.close();
    await bot!.stop();
    await fake.stop();
  }
}
