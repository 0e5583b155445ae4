// A task card says who it waits for only once those people have been asked.
import { describe, expect, it } from "vitest";
import { taskCard } from "../../src/features/raci/blocks.ts";
import { translator } from "../../src/infra/i18n.ts";
import type { Task } from "../../src/generated/prisma/client.ts";

const task = (status: string): Task => ({
  id: "t1",
  number: 4,
  version: 0,
  title: "Photos",
  description: "",
  dueDate: "2026-12-01",
  channelId: "C0OPS",
  status,
  rIds: JSON.stringify(["U0R"]),
  aId: "U0A",
  cIds: JSON.stringify(["U0C"]),
  iTargets: "[]",
  consults: JSON.stringify({ U0C: {} }),
  blockedReason: null,
  sentBackWhy: null,
  messageId: "m1",
  link: null,
  flowId: "f1",
  flowStep: 2,
  gen: 0,
  createdBy: "U0LEAD",
  createdAt: new Date("2026-11-28T00:00:00Z"),
  doneAt: null,
  approvedAt: null,
});

describe("RACI task card", () => {
  it("a flow step not yet open doesn't say it waits for C's input (C hasn't been asked); an open one does", () => {
    const text = (status: string) => JSON.stringify(taskCard(translator("en"), task(status), 1));
    expect(text("waiting")).not.toContain("Waiting for input");
    expect(text("waiting")).toContain("waiting for the previous step");
    expect(text("open")).toContain("Waiting for input from <@U0C>");
  });
});
