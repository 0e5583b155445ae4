// The storm demo: the morning after a logistics failure on Double 11. Urgent cases are opened
// through the complaint form one after another, then the clock jumps past their 2 h response
// clock so that they all breach in the same minute. With the stand-in keeping Slack's limits,
// the tier channels show roll-ups instead of hundreds of cards, each person gets one DM, and App
// Home pages through every case.
import type { ShiftedClock } from "../infra/clock.ts";
import { waitFor } from "./demo-data.ts";
import type { SlackDriver } from "./standin/driver.ts";
import type { SlackStandIn } from "./standin/standin.ts";
import type { OpenView } from "./standin/workspace.ts";

export interface StormState {
  running: boolean;
  opened: number;
  total: number;
}

const opt = (value: string) => ({ text: { type: "plain_text", text: value }, value });
const input = (value: string) => ({ type: "plain_text_input", value });
const CAUSES = ["logistics", "quality", "not_as_described", "slow_after_sales"];

export async function storm(
  d: { standin: SlackStandIn; driver: SlackDriver; clock: ShiftedClock },
  state: StormState,
  agent = "U0AGENT",
): Promise<void> {
  const ws = d.standin.ws;
  state.running = true;
  state.opened = 0;
  try {
    for (let i = 0; i < state.total; i++) {
      await d.driver.command(agent, "C0SUPPORT", "/complaint", "new");
      const form = await waitFor(d.standin, () =>
        ws.stackOf(agent).find((v: OpenView) => v.view.callback_id === "complaint_create"),
      );
      await d.driver.submitView(agent, form, {
        order: { order: input(`20261112${String(i).padStart(5, "0")}`) },
        customer: { customer: input(`客户${i + 1}`) },
        vip: { vip: { type: "checkboxes", selected_options: i % 10 === 0 ? [opt("vip")] : [] } },
        cause: { cause: { type: "static_select", selected_option: opt(CAUSES[i % CAUSES.length]!) } },
        urgency: { urgency: { type: "radio_buttons", selected_option: opt("urgent") } },
        summary: { summary: input("快递停滞三天，客户要求今天处理 / parcel stuck for three days") },
      });
      state.opened = i + 1;
      if (i % 20 === 0) ws.emit("change", { type: "storm" });
    }
    // Two hours and a minute later: every response clock of the storm has run out.
    d.clock.shift(2 * 3600_000 + 60_000);
  } finally {
    state.running = false;
    ws.emit("change", { type: "clock" });
  }
}
