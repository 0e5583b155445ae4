// The stand-in's wall clock. Two things in Slack run on real time, not on the bot's (movable)
// clock: a trigger_id's 3 seconds, which are about latency, and the timestamp of a signed
// request, which Bolt checks against real time. The stand-in takes this clock as a parameter so
// tests can hand it their own; this is the default.
import { realNowMs } from "../../infra/clock.ts";

export type WallClock = () => number;
export const wallClock: WallClock = () => realNowMs();
