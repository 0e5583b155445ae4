-- CreateTable
CREATE TABLE "ExportOrder" (
    "platform" TEXT NOT NULL,
    "lineId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "store" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "hour" INTEGER NOT NULL,
    "buyer" TEXT NOT NULL,
    "amount" REAL NOT NULL,
    "refund" REAL NOT NULL DEFAULT 0,
    "quantity" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("platform", "lineId")
);

-- CreateIndex
CREATE INDEX "ExportOrder_store_channel_date_idx" ON "ExportOrder"("store", "channel", "date");

