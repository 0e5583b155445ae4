// A message showing a picture the bot uploaded through the outbox: the upload goes first in the
// same lane, shared nowhere, and the message shows it by the id Slack gave it. A picture Slack
// refuses (still processing it: invalid_blocks) is left out and the message still goes.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FixedClock } from "../../src/infra/clock.ts";
import type { DbClient } from "../../src/infra/db/db.ts";
import { createLogger } from "../../src/infra/logger.ts";
import type { Sql } from "../../src/infra/db/sql.ts";
import { createSlackApi } from "../../src/slack/api.ts";
import { enqueueMessage } from "../../src/outbox/outbox.ts";
import { fileRef } from "../../src/outbox/message.ts";
import { OutboxSender } from "../../src/slack/sender.ts";
import { freshDb } from "../support/db.ts";
import { FakeSlack } from "../support/fake-slack.ts";

describe("pictures uploaded for a message", () => {
  let fake: FakeSlack;
  let db: DbClient;
  let sql: Sql;
  let sender: OutboxSender;
  const clock = new FixedClock("2026-11-11T02:00:00Z");

  beforeEach(async () => {
    fake = await new FakeSlack().start();
    ({ db, sql } = await freshDb());
    sender = new OutboxSender(sql, clock, createSlackApi("xoxb-test", fake.apiUrl), createLogger("silent"), {
      perChannelIntervalMs: 0,
    });
  });
  afterEach(async () => {
    await sender.stop();
    await fake.stop();
    await db.$disconnect();
  });

  const png = Buffer.from("89504e470d0a1a0a", "hex").toString("base64");
  const upload = () =>
    enqueueMessage(db, clock, {
      kind: "file",
      channel: "C1",
      body: { text: "" },
      file: { filename: "t0.png", title: "chart", altText: "chart", base64: png, share: false },
    });
  const card = (fileRow: string) =>
    enqueueMessage(db, clock, {
      kind: "post",
      channel: "C1",
      body: {
        text: "card",
        blocks: [
          { type: "section", text: { type: "mrkdwn", text: "card" } },
          { type: "image", slack_file: { id: fileRef(fileRow) }, alt_text: "chart" },
        ],
      },
    });

  it("uploads the picture unshared, then shows it in the message by Slack's file id", async () => {
    const { id } = await upload();
    await card(id);
    await sender.drain();
    const fileId = (await db.outboxMessage.findUniqueOrThrow({ where: { id } })).ts!;
    expect(fake.ws.files.has(fileId)).toBe(true);
    const posted = fake.ws.messages.filter((m) => m.channel === "C1");
    expect(posted).toHaveLength(1);
    expect(posted[0]!.blocks).toContainEqual({ type: "image", slack_file: { id: fileId }, alt_text: "chart" });
  });

  it("sends the message without the picture when Slack refuses it", async () => {
    const { id } = await upload();
    await card(id);
    fake.script("chat.postMessage", { error: "invalid_blocks" });
    await sender.drain();
    const posted = fake.ws.messages.filter((m) => m.channel === "C1");
    expect(posted).toHaveLength(1);
    expect(posted[0]!.text).toBe("card");
    expect(posted[0]!.blocks?.some((b) => (b as { type: string }).type === "image")).toBe(false);
  });
});
