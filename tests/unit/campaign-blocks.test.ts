// The checklist's stage headings are dated from the event day T, also after the event moved.
import { describe, expect, it } from "vitest";
import { checklistMessage } from "../../src/features/campaigns/blocks.ts";
import { builtinTemplate } from "../../src/features/campaigns/templates.ts";
import { translator } from "../../src/infra/i18n.ts";
import type { Campaign, CampaignItem } from "../../src/generated/prisma/client.ts";

const now = new Date("2027-10-13T00:00:00Z");
const campaign: Campaign = {
  id: "c1",
  number: 3,
  name: "Double 11",
  kind: "double11",
  eventDate: "2027-11-18",
  timeZone: "Asia/Shanghai",
  channelId: "C0P",
  ownerId: "U0LEAD",
  targets: "{}",
  templateId: "t1",
  status: "active",
  gen: 1,
  version: 1,
  checklistMsgId: null,
  gate: null,
  retro: null,
  mirrorList: false,
  createdAt: now,
};
const item = (seq: number, over: Partial<CampaignItem>): CampaignItem => ({
  id: `i${seq}`,
  campaignId: "c1",
  version: 0,
  stage: "T-30",
  seq,
  title: JSON.stringify({ en: `item ${seq}`, "zh-CN": `事项 ${seq}` }),
  doneMeans: "{}",
  role: "ops",
  ownerId: "U0LEAD",
  offsetDays: -30,
  dueDate: "2027-10-19",
  status: "open",
  doneAt: null,
  doneBy: null,
  note: null,
  naReason: null,
  gate: false,
  ...over,
});

describe("promotion checklist", () => {
  it("dates a stage from T after /promo move, even when its first item was done before the move", () => {
    // Moved from 11-11 to 11-18: the done item keeps its old date 10-12, the open one has 10-19.
    const items = [item(0, { status: "done", dueDate: "2027-10-12", doneAt: now, doneBy: "U0LEAD" }), item(1, {})];
    const body = checklistMessage(
      translator("en"),
      "en",
      campaign,
      items,
      { name: "builtin", version: 1, body: builtinTemplate() },
      "2027-10-13",
    );
    const text = JSON.stringify(body.blocks);
    expect(text).toContain("*T-30 · 2027-10-19 ·");
    expect(text).not.toContain("T-30 · 2027-10-12");
  });
});
