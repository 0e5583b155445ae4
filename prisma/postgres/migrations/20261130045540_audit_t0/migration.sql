-- CreateTable
CREATE TABLE "ActionLog" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "actorId" TEXT,
    "feature" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "objectType" TEXT NOT NULL,
    "objectId" TEXT NOT NULL,
    "objectLabel" TEXT NOT NULL,
    "before" TEXT,
    "after" TEXT,
    "channel" TEXT,

    CONSTRAINT "ActionLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WarRoom" (
    "id" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "store" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "intervalMs" INTEGER NOT NULL,
    "mode" TEXT NOT NULL DEFAULT 'auto',
    "day" TEXT NOT NULL,
    "messageId" TEXT,
    "refreshedAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "WarRoom_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RunbookRun" (
    "id" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "campaignId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "steps" TEXT NOT NULL,
    "deciderId" TEXT NOT NULL,
    "question" TEXT NOT NULL,
    "decision" TEXT,
    "decidedBy" TEXT,
    "decidedAt" TIMESTAMP(3),
    "messageId" TEXT,
    "alertId" TEXT,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "RunbookRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ActionLog_at_idx" ON "ActionLog"("at");

-- CreateIndex
CREATE UNIQUE INDEX "WarRoom_campaignId_key" ON "WarRoom"("campaignId");

-- CreateIndex
CREATE UNIQUE INDEX "RunbookRun_number_key" ON "RunbookRun"("number");

-- CreateIndex
CREATE INDEX "RunbookRun_campaignId_idx" ON "RunbookRun"("campaignId");

