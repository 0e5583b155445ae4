-- CreateTable
CREATE TABLE "ChannelSetting" (
    "channelId" TEXT NOT NULL PRIMARY KEY,
    "locale" TEXT NOT NULL,
    "updatedBy" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

