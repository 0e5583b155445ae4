-- AlterTable
ALTER TABLE "Timer" ADD COLUMN "claimToken" TEXT;
ALTER TABLE "Timer" ADD COLUMN "ownerId" TEXT;

-- CreateTable
CREATE TABLE "OutboxLane" (
    "lane" TEXT NOT NULL PRIMARY KEY,
    "nextAt" DATETIME,
    "pending" INTEGER NOT NULL DEFAULT 0,
    "claimToken" TEXT
);

-- CreateTable
CREATE TABLE "SlackPause" (
    "method" TEXT NOT NULL PRIMARY KEY,
    "until" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_OutboxMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "channel" TEXT,
    "userId" TEXT,
    "threadTs" TEXT,
    "responseUrl" TEXT,
    "targetId" TEXT,
    "threadOfId" TEXT,
    "body" TEXT NOT NULL,
    "dedupeKey" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL,
    "leaseUntil" DATETIME,
    "claimToken" TEXT,
    "lastError" TEXT,
    "ts" TEXT,
    "sentChannel" TEXT,
    "createdAt" DATETIME NOT NULL,
    "sentAt" DATETIME,
    "actorId" TEXT,
    "lane" TEXT NOT NULL DEFAULT '',
    "seq" BIGINT NOT NULL DEFAULT 0
);
INSERT INTO "new_OutboxMessage" ("actorId", "attempts", "body", "channel", "createdAt", "dedupeKey", "id", "kind", "lastError", "leaseUntil", "nextAttemptAt", "responseUrl", "sentAt", "sentChannel", "status", "targetId", "threadOfId", "threadTs", "ts", "userId") SELECT "actorId", "attempts", "body", "channel", "createdAt", "dedupeKey", "id", "kind", "lastError", "leaseUntil", "nextAttemptAt", "responseUrl", "sentAt", "sentChannel", "status", "targetId", "threadOfId", "threadTs", "ts", "userId" FROM "OutboxMessage";
DROP TABLE "OutboxMessage";
ALTER TABLE "new_OutboxMessage" RENAME TO "OutboxMessage";
CREATE UNIQUE INDEX "OutboxMessage_dedupeKey_key" ON "OutboxMessage"("dedupeKey");
CREATE INDEX "OutboxMessage_status_nextAttemptAt_idx" ON "OutboxMessage"("status", "nextAttemptAt");
CREATE INDEX "OutboxMessage_lane_status_seq_idx" ON "OutboxMessage"("lane", "status", "seq");
CREATE INDEX "OutboxMessage_targetId_status_idx" ON "OutboxMessage"("targetId", "status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "OutboxLane_nextAt_idx" ON "OutboxLane"("nextAt");

-- CreateIndex
CREATE INDEX "Timer_status_leaseUntil_idx" ON "Timer"("status", "leaseUntil");

-- CreateIndex
CREATE INDEX "Timer_ownerId_status_idx" ON "Timer"("ownerId", "status");


-- Backfill for messages queued before this version: their lane (a channel, a DM, one
-- response_url) and their order within it, and one OutboxLane row per lane with work.
UPDATE "OutboxMessage" SET "seq" = rowid;
UPDATE "OutboxMessage" SET "lane" = CASE
  WHEN "kind" = 'respond' THEN 'r:' || "id"
  WHEN "kind" = 'ephemeral' THEN 'e:' || COALESCE("channel", '') || ':' || COALESCE("userId", '')
  WHEN "kind" = 'update' THEN COALESCE((SELECT t."channel" FROM "OutboxMessage" t WHERE t."id" = "OutboxMessage"."targetId"), 'u:' || COALESCE("targetId", ''))
  ELSE COALESCE("channel", '')
END;
UPDATE "OutboxMessage" SET "status" = 'pending', "leaseUntil" = NULL WHERE "status" = 'sending';
INSERT INTO "OutboxLane" ("lane", "nextAt", "pending")
  SELECT "lane", MIN("nextAttemptAt"), COUNT(*) FROM "OutboxMessage" WHERE "status" = 'pending' GROUP BY "lane";
