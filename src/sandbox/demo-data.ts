// Demo data for the sandbox, made the way a team would make it: through the bot's own slash
// commands, buttons, modals and webhooks (never by writing tables). A Double 11 playbook with
// items in several states, two complaint cases (one VIP), a week of reviews across the five
// causes, 60 days of metrics with a drop yesterday, and a RACI flow in progress.
import { addDays, format } from "date-fns";
import { TZDate } from "@date-fns/tz";
import type { Clock } from "../infra/clock.ts";
import type { SlackDriver } from "./standin/driver.ts";
import type { SlackStandIn } from "./standin/standin.ts";
import type { Message, OpenView } from "./standin/workspace.ts";

export interface DemoContext {
  standin: SlackStandIn;
  driver: SlackDriver;
  clock: Clock;
  baseUrl: string;
  reviewsToken: string;
  metricsToken: string;
  timeZone: string;
}

const TZ_DAY = (clock: Clock, tz: string, days = 0) =>
  format(addDays(new TZDate(clock.now().getTime(), tz), days), "yyyy-MM-dd");

/** Resolves once `pick` finds something in the workspace (checked on every change), or fails. */
export function waitFor<T>(standin: SlackStandIn, pick: () => T | undefined, ms = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const now = pick();
    if (now !== undefined) return resolve(now);
    const timer = setTimeout(() => {
      standin.ws.off("change", check);
      reject(new Error("the sandbox waited too long for the bot"));
    }, ms);
    function check() {
      const v = pick();
      if (v === undefined) return;
      clearTimeout(timer);
      standin.ws.off("change", check);
      resolve(v);
    }
    standin.ws.on("change", check);
  });
}

const opt = (value: string) => ({ text: { type: "plain_text", text: value }, value });
const input = (value: string) => ({ type: "plain_text_input", value });

interface Demo extends DemoContext {
  ws: SlackStandIn["ws"];
  cmd: (user: string, channel: string, text: string) => Promise<void>;
  topView: (user: string, callbackId: string) => Promise<OpenView>;
}

async function setUp({ cmd, clock, timeZone }: Demo): Promise<void> {
  // Set-up an admin does once.
  for (const [n, ch, who] of [
    [1, "C0CS1|cs-tier1", "U0AGENT|li.na"],
    [2, "C0CS2|cs-tier2", "U0SUPER|chen.jie"],
    [3, "C0CS3|cs-tier3", "U0MGR|david"],
  ] as const) {
    await cmd("U0LEAD", "C0OPS", `/complaint tier ${n} <#${ch}> <@${who}>`);
  }
  await cmd("U0LEAD", "C0OPS", "/reviews channel <#C0REVIEWS|reviews>");
  await cmd("U0LEAD", "C0OPS", "/reviews briefing <#C0REVIEWS|reviews> 09:00");
  await cmd("U0LEAD", "C0OPS", "/metrics alerts warning <#C0METRICS|metrics>");
  await cmd("U0LEAD", "C0OPS", "/metrics alerts critical <#C0METRICS|metrics>");
  await cmd("U0LEAD", "C0OPS", "/metrics digest <#C0METRICS|metrics> shop1 daily 09:00");
  await cmd("U0LEAD", "C0OPS", `/metrics target shop1 ${TZ_DAY(clock, timeZone).slice(0, 7)} 3000000`);
  for (const [role, who] of [
    ["operations", "U0MKT|emma"],
    ["purchasing", "U0MGR|david"],
    ["content", "U0AGENT|li.na"],
    ["marketing", "U0MKT|emma"],
    ["ops_lead", "U0LEAD|wang.lei"],
    // The standard flows ask the ops lead's manager to approve (campaign_planning): David.
    ["ops_lead_manager", "U0MGR|david"],
  ]) {
    await cmd("U0LEAD", "C0OPS", `/task role ${role} <@${who}>`);
  }
}

async function double11({ cmd, clock, timeZone, standin, ws, driver }: Demo): Promise<void> {
  // The coming Double 11, ticked in part.
  const year = Number(TZ_DAY(clock, timeZone).slice(0, 4));
  const double11 = TZ_DAY(clock, timeZone) < `${year}-11-11` ? `${year}-11-11` : `${year + 1}-11-11`;
  await cmd("U0LEAD", "C0PROMO", `/promo new 雙11 ${double11} <#C0PROMO|promo-double11> double11`);
  const checklist = await waitFor(standin, () =>
    ws.messages.find(
      (m: Message) =>
        m.channel === "C0PROMO" && !m.user && !m.threadTs && JSON.stringify(m.blocks ?? []).includes("promo_item_menu"),
    ),
  );
  const items = (checklist.blocks as { block_id?: string }[]).flatMap((b) =>
    b.block_id?.startsWith("item:") ? [b.block_id.slice(5)] : [],
  );
  for (const id of items.slice(0, 3))
    await driver.messageAction("U0LEAD", ws.find("C0PROMO", checklist.ts)!, {
      type: "overflow",
      action_id: "promo_item_menu",
      block_id: `item:${id}`,
      selected_option: opt(`done:${id}`),
    });
  // The day's GMV plan the T0 war room measures against (the shop's 11 November sells about 4.7M).
  await cmd("U0LEAD", "C0PROMO", "/promo warroom 1 plan 4500000");
}

/**
 * When demo review i was written: over the seven days up to now, today's earlier than now. So the
 * briefing of "yesterday" has reviews whichever day the sandbox's clock has moved on to since: the
 * +1 h and +2 h buttons, pressed late in the evening, take it past midnight.
 */
function reviewTime(clock: Clock, timeZone: string, i: number): string {
  const daysAgo = i % 7;
  if (daysAgo > 0) return `${TZ_DAY(clock, timeZone, -daysAgo)} ${String(9 + (i % 9)).padStart(2, "0")}:15`;
  return format(new TZDate(clock.now().getTime() - (i + 1) * 10 * 60_000, timeZone), "yyyy-MM-dd HH:mm");
}

async function reviews({ clock, timeZone, ...d }: Demo): Promise<void> {
  // Reviews of the last week, across the five causes, by webhook.
  const reviews = [
    ["quality", "质量太差了，杯子收到就破损", 1],
    ["quality", "Cup cracked after one week, poor quality", 2],
    ["not_as_described", "颜色和图片不一样，描述不符", 2],
    ["not_as_described", "Not as described, much smaller than the photos", 2],
    ["logistics", "物流太慢了，等了十天才到", 2],
    ["logistics", "Delivery was late and the box was damaged", 1],
    ["service_attitude", "客服态度差，问了三次都不回", 1],
    ["slow_after_sales", "申请退款一周了还没处理，售后太慢", 1],
    ["fake", "怀疑是假货，要投诉到12315", 1],
    ["ok", "很好用，下次还买", 5],
    ["ok", "Lovely mug, fast shipping", 5],
  ] as const;
  const rows = reviews.map(([, text, rating], i) => ({
    platform: i % 2 ? "jd" : "tmall",
    review_id: `DEMO-${i + 1}`,
    order_id: `2026${String(100000 + i)}`,
    sku: i % 3 ? "MUG-300" : "CUP-500",
    rating,
    text,
    time: reviewTime(clock, timeZone, i),
  }));
  await fetch(`${d.baseUrl}/webhooks/reviews`, {
    method: "POST",
    headers: { authorization: `Bearer ${d.reviewsToken}`, "content-type": "application/json" },
    body: JSON.stringify(rows),
  });
}

async function metrics({ clock, timeZone, ...d }: Demo): Promise<void> {
  // 60 days of metrics for shop1, with a drop in conversion yesterday.
  const metrics = [];
  for (let back = 60; back >= 1; back--) {
    const date = TZ_DAY(clock, timeZone, -back);
    const wave = 1 + 0.15 * Math.sin(back / 4);
    const drop = back === 1 ? 0.62 : 1;
    for (const [channel, share] of [
      ["app", 0.6],
      ["web", 0.3],
      ["mini", 0.1],
    ] as const) {
      const uv = Math.round(20000 * share * wave);
      const buyers = Math.round(uv * 0.03 * (channel === "app" ? drop : 1));
      metrics.push({
        date,
        store: "shop1",
        channel,
        uv,
        pv: uv * 4,
        product_views: Math.round(uv * 0.68),
        cart_adds: Math.round(uv * 0.24),
        orders: Math.round(buyers * 1.05),
        buyers,
        gmv: Math.round(buyers * 185 * 100) / 100,
        ad_spend: Math.round(uv * 0.9),
        new_customers: Math.round(buyers * 0.3),
      });
    }
  }
  await fetch(`${d.baseUrl}/webhooks/metrics`, {
    method: "POST",
    headers: { authorization: `Bearer ${d.metricsToken}`, "content-type": "application/json" },
    body: JSON.stringify(metrics),
  });
}

async function complaints({ driver, topView }: Demo): Promise<void> {
  // Two complaints escalated from the support channel, one of them a VIP's.
  for (const [order, customer, vip, urgency, text] of [
    ["2026111100123", "王小姐", false, "urgent", "客户：收到的杯子碎了，明天要送人，今天必须解决！"],
    [
      "2026111100456",
      "Mr. Zhang",
      true,
      "general",
      "Customer (VIP): the parcel has been stuck in transit for six days.",
    ],
  ] as const) {
    const m = driver.say("U0AGENT", "C0SUPPORT", text);
    await driver.messageShortcut("U0AGENT", "complaint_escalate", m);
    const form = await topView("U0AGENT", "complaint_create");
    await driver.submitView("U0AGENT", form, {
      order: { order: input(order) },
      customer: { customer: input(customer) },
      vip: { vip: { type: "checkboxes", selected_options: vip ? [opt("vip")] : [] } },
      cause: { cause: { type: "static_select", selected_option: opt(vip ? "logistics" : "quality") } },
      urgency: { urgency: { type: "radio_buttons", selected_option: opt(urgency) } },
      summary: { summary: input(text) },
    });
  }

  // A customer's message nobody has escalated yet: the sandbox's first thing to try.
  driver.say("U0AGENT", "C0SUPPORT", "客户刘先生：保温杯第二次漏水了，订单 2026112900789，要求换货并赔偿。");
}

async function launchFlow({ cmd, standin, ws, driver }: Demo): Promise<void> {
  // A new-product-launch flow, its first task accepted by the person responsible (R).
  await cmd("U0LEAD", "C0OPS", "/task flow new_product_launch 春季马克杯");
  const dm = await waitFor(standin, () =>
    ws.messages.find((m: Message) => m.channel === "D0MKT" && JSON.stringify(m.blocks ?? []).includes("raci_accept")),
  );
  const accept = (dm.blocks as { type: string; elements?: { action_id: string; value: string }[] }[])
    .flatMap((b) => b.elements ?? [])
    .find((e) => e.action_id === "raci_accept");
  if (accept)
    await driver.messageAction("U0MKT", dm, {
      type: "button",
      action_id: "raci_accept",
      value: accept.value,
      text: { type: "plain_text", text: "Accept" },
    });
}

export async function loadDemo(d: DemoContext): Promise<void> {
  const { driver, standin } = d;
  const ws = standin.ws;
  const cmd = (user: string, channel: string, text: string) => {
    const [command, ...rest] = text.split(" ");
    return driver.command(user, channel, command!, rest.join(" "));
  };
  const topView = (user: string, callbackId: string) =>
    waitFor(standin, () => ws.stackOf(user).find((v: OpenView) => v.view.callback_id === callbackId));
  const demo: Demo = { ...d, ws, cmd, topView };
  for (const step of [setUp, double11, reviews, metrics, complaints, launchFlow]) await step(demo);
}
