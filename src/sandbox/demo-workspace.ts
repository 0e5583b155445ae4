// The sandbox's demo workspace: the team of the manual (an operations lead, a marketing owner,
// a customer-service agent, supervisor and manager; some read Chinese, some English; different
// time zones) and the channels they work in.
import type { Person } from "./standin/workspace.ts";

export const PEOPLE: Person[] = [
  {
    id: "U0LEAD",
    name: "wang.lei",
    realName: "王磊 Wang Lei",
    title: "运营主管 Operations lead",
    locale: "zh-CN",
    tz: "Asia/Shanghai",
    isAdmin: true,
  },
  {
    id: "U0MKT",
    name: "emma",
    realName: "Emma Clarke",
    title: "Marketing owner",
    locale: "en-GB",
    tz: "Europe/London",
  },
  {
    id: "U0AGENT",
    name: "li.na",
    realName: "李娜 Li Na",
    title: "一线客服 CS agent",
    locale: "zh-CN",
    tz: "Asia/Shanghai",
  },
  {
    id: "U0SUPER",
    name: "chen.jie",
    realName: "陈杰 Chen Jie",
    title: "客服主管 CS supervisor",
    locale: "zh-CN",
    tz: "Asia/Shanghai",
  },
  {
    id: "U0MGR",
    name: "david",
    realName: "David Park",
    title: "CS manager",
    locale: "en-US",
    tz: "America/Los_Angeles",
  },
];

export const CHANNELS = [
  { id: "C0OPS", name: "ops" },
  { id: "C0PROMO", name: "promo-double11" },
  { id: "C0CS1", name: "cs-tier1" },
  { id: "C0CS2", name: "cs-tier2" },
  { id: "C0CS3", name: "cs-tier3" },
  { id: "C0REVIEWS", name: "reviews" },
  { id: "C0METRICS", name: "metrics" },
  { id: "C0SUPPORT", name: "customer-support" },
];
