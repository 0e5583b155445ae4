// Slack's side of the sandbox: a stand-in that keeps Slack's limits, on the sandbox's clock, with
// the demo team's people and channels, saved beside the sandbox's database so that a restart
// finds the conversation where the bot left it.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import type { ShiftedClock } from "../infra/clock.ts";
import { sqlitePath } from "../infra/db/db.ts";
import { CHANNELS, PEOPLE } from "./demo-workspace.ts";
import { SlackStandIn } from "./standin/standin.ts";
import { restoreWorkspace, saveWorkspace, type Saved } from "./standin/workspace.ts";

export async function openSlackSide(databaseUrl: string, clock: ShiftedClock) {
  // Slack's limits, as Slack keeps them: a post a second per channel (burst 3), a workspace cap on
  // posts, 50 edits a minute. A burst (the storm demo) then looks in the sandbox as it would in Slack.
  const standin = await new SlackStandIn({
    strictChannels: true,
    channelBurst: 3,
    postsPerMinute: 600,
    editsPerMinute: 50,
  }).start();
  // Slack's side keeps the sandbox's time too: message timestamps, response_url expiry and rate
  // limits move with the clock the page moves.
  standin.clock = clock;
  for (const p of PEOPLE) standin.ws.people.set(p.id, p);
  for (const c of CHANNELS) standin.ws.channels.set(c.id, c);
  // Slack's side of the demo (its messages, files, home tabs) and the clock's offset are kept
  // beside the sandbox's database, so a restart finds the conversation where the bot left it.
  const savedPath = `${sqlitePath(databaseUrl)}.slack.json`;
  if (existsSync(savedPath)) {
    const saved = JSON.parse(readFileSync(savedPath, "utf8")) as Saved;
    restoreWorkspace(standin.ws, saved);
    clock.shift(saved.clockOffsetMs);
  }
  let saveTimer: NodeJS.Timeout | undefined;
  const save = () =>
    writeFileSync(savedPath, JSON.stringify(saveWorkspace(standin.ws, clock.offsetMs)), { mode: 0o600 });
  standin.ws.on("change", () => {
    if (saveTimer) return;
    saveTimer = setTimeout(() => {
      saveTimer = undefined;
      save();
    }, 500);
  });
  return {
    standin,
    async stop(): Promise<void> {
      if (saveTimer) clearTimeout(saveTimer);
      save();
      await standin.stop();
    },
  };
}
