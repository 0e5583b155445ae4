// 100 promotions for 20 owners, made through /promo new; their first wave of reminders (09:00 on
// the first checklist day) is moved to fall due soon (bench:day: 30 s into the peak, for U0PLAN0…19,
// not the cases' owners; bench:burst's waves: 8 s, for U0OWNER0…19).
import Database from "better-sqlite3";
import { command, waitUntil, type Db } from "./burst-setup.ts";

export interface Wave {
  at: number;
  items: number;
}

const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

/** Makes the promotions (owners `${owner}0…19`) and moves their first wave to `inMs` from now. */
export async function moveFirstWave(
  botPort: number,
  fakePort: number,
  path: string,
  db: Db,
  o: { owner: string; inMs: number } = { owner: "U0PLAN", inMs: 30_000 },
): Promise<Wave> {
  for (let k = 0; k < 100; k++)
    await command(
      botPort,
      `${o.owner}${k % 20}`,
      "/promo",
      `new 活动${k} ${day(45)} <#C0PROMO${k}|promo${k}>`,
      fakePort,
    );
  await waitUntil(async () => (await db.count(`SELECT COUNT(*) AS n FROM "Campaign"`)) === 100, 120_000);
  const rw = new Database(path);
  rw.pragma("busy_timeout = 5000");
  const first = (
    rw.prepare(`SELECT MIN("dueAt") AS d FROM "Timer" WHERE kind = 'promo.remind' AND status = 'pending'`).get() as {
      d: string;
    }
  ).d;
  const at = Date.now() + o.inMs;
  const items = rw
    .prepare(`UPDATE "Timer" SET "dueAt" = ? WHERE kind = 'promo.remind' AND status = 'pending' AND "dueAt" = ?`)
    .run(new Date(at).toISOString().replace("Z", "+00:00"), first).changes;
  rw.close();
  return { at, items };
}
