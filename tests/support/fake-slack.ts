// The end-to-end tests play Slack with the same stand-in the sandbox serves (src/sandbox/standin):
// one loopback fake that answers like Slack does — ok:false errors, 429 with Retry-After,
// trigger_id expiry, response_url limits — so the tests and the sandbox cannot drift apart.
import { SlackStandIn, type StandInOptions } from "../../src/sandbox/standin/standin.ts";

export type { RecordedCall, FakeUser } from "../../src/sandbox/standin/standin.ts";
export type { Scripted } from "../../src/sandbox/standin/http-args.ts";

export class FakeSlack extends SlackStandIn {
  constructor(o: StandInOptions = {}) {
    // Slack's trigger_id lasts 3 s; a test on a loaded 2-core machine gets more so that a slow
    // turn is not mistaken for a bot bug. Tests of expiry script it or craft an old trigger.
    super({ triggerTtlMs: 30_000, ...o });
  }
}
