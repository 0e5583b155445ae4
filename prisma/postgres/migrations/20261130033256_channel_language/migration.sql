-- CreateTable
CREATE TABLE "ChannelSetting" (
    "channelId" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "updatedBy" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChannelSetting_pkey" PRIMARY KEY ("channelId")
);

