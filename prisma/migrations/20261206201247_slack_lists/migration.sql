-- CreateTable
CREATE TABLE "SlackListDoc" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "channelId" TEXT NOT NULL,
    "listId" TEXT NOT NULL,
    "columns" TEXT NOT NULL,
    "pollLease" DATETIME,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "SlackListRow" (
    "docKey" TEXT NOT NULL,
    "rowKey" TEXT NOT NULL,
    "rowId" TEXT NOT NULL,
    "state" TEXT NOT NULL,

    PRIMARY KEY ("docKey", "rowKey")
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Campaign" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "number" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "eventDate" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "targets" TEXT NOT NULL DEFAULT '{}',
    "templateId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "gen" INTEGER NOT NULL DEFAULT 0,
    "checklistMsgId" TEXT,
    "gate" TEXT,
    "retro" TEXT,
    "mirrorList" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0
);
INSERT INTO "new_Campaign" ("channelId", "checklistMsgId", "createdAt", "eventDate", "gate", "gen", "id", "kind", "name", "number", "ownerId", "retro", "status", "targets", "templateId", "timeZone", "version") SELECT "channelId", "checklistMsgId", "createdAt", "eventDate", "gate", "gen", "id", "kind", "name", "number", "ownerId", "retro", "status", "targets", "templateId", "timeZone", "version" FROM "Campaign";
DROP TABLE "Campaign";
ALTER TABLE "new_Campaign" RENAME TO "Campaign";
CREATE UNIQUE INDEX "Campaign_number_key" ON "Campaign"("number");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "SlackListRow_docKey_rowId_idx" ON "SlackListRow"("docKey", "rowId");

