-- CreateTable
CREATE TABLE "PlaybookTemplate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "body" TEXT NOT NULL,
    "createdBy" TEXT,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Campaign" (
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
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "CampaignItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "campaignId" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "doneMeans" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "offsetDays" INTEGER NOT NULL,
    "dueDate" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "doneAt" DATETIME,
    "doneBy" TEXT,
    "note" TEXT,
    "naReason" TEXT,
    "gate" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "CampaignItem_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "PlaybookTemplate_name_version_key" ON "PlaybookTemplate"("name", "version");

-- CreateIndex
CREATE UNIQUE INDEX "Campaign_number_key" ON "Campaign"("number");

-- CreateIndex
CREATE INDEX "CampaignItem_campaignId_seq_idx" ON "CampaignItem"("campaignId", "seq");

-- CreateIndex
CREATE INDEX "CampaignItem_ownerId_status_idx" ON "CampaignItem"("ownerId", "status");

