// Slack's side of a benchmark, in its own process as the real Slack would be, so its work does
// not compete with the app under test for the event loop. FAKE_CHANNEL_BURST, FAKE_POSTS_PER_MINUTE
// and FAKE_EDITS_PER_MINUTE make it enforce Slack's limits (429 with Retry-After beyond them).
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { FakeSlack } from "../tests/support/fake-slack.ts";

const num = (v: string | undefined) => (v ? Number(v) : undefined);
const fake = await new FakeSlack({
  channelBurst: num(process.env.FAKE_CHANNEL_BURST),
  postsPerMinute: num(process.env.FAKE_POSTS_PER_MINUTE),
  editsPerMinute: num(process.env.FAKE_EDITS_PER_MINUTE),
}).start();
for (let i = 0; i < 50; i++) fake.users.set(`U${i}`, { locale: i % 2 ? "en-US" : "zh-CN" });
// The benchmarks' people: owners, agents, tier members and an admin, with names.
for (let i = 0; i < 200; i++) fake.users.set(`U0OWNER${i}`, { name: `Agent ${i}`, locale: i % 2 ? "en-US" : "zh-CN" });
for (let i = 0; i < 20; i++)
  fake.users.set(`U0AGENT${i}`, { name: `CS agent ${i}`, locale: i % 2 ? "en-US" : "zh-CN" });
// Five hundred people issuing commands through a Double 11 day (bench:day).
for (let i = 0; i < 20; i++) fake.users.set(`U0PLAN${i}`, { name: `Planner ${i}`, locale: i % 2 ? "en-US" : "zh-CN" });
for (let i = 0; i < 500; i++) fake.users.set(`U0P${i}`, { name: `Person ${i}`, locale: i % 3 ? "zh-CN" : "en-US" });
for (const u of ["U0TIER1", "U0TIER2", "U0TIER3", "U0ADMIN"])
  fake.users.set(u, { name: u.toLowerCase(), locale: "zh-CN" });
// Files people shared, for an import (bench:exports): FAKE_SHARED="F0ID=/path/name.csv,…".
for (const pair of (process.env.FAKE_SHARED ?? "").split(",").filter(Boolean)) {
  const [id, path] = pair.split("=") as [string, string];
  fake.shared.set(id, readFileSync(path));
  fake.sharedNames.set(id, basename(path));
}
process.stdout.write(`${fake.port}\n`);
process.on("SIGTERM", () => void fake.stop().then(() => process.exit(0)));
