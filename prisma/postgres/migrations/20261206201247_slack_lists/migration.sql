-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "mirrorList" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "SlackListDoc" (
    "key" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "listId" TEXT NOT NULL,
    "columns" TEXT NOT NULL,
    "pollLease" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SlackListDoc_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "SlackListRow" (
    "docKey" TEXT NOT NULL,
    "rowKey" TEXT NOT NULL,
    "rowId" TEXT NOT NULL,
    "state" TEXT NOT NULL,

    CONSTRAINT "SlackListRow_pkey" PRIMARY KEY ("docKey","rowKey")
);

-- CreateIndex
CREATE INDEX "SlackListRow_docKey_rowId_idx" ON "SlackListRow"("docKey", "rowId");

