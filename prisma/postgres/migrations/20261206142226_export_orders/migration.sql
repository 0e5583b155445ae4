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
    "amount" DOUBLE PRECISION NOT NULL,
    "refund" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "quantity" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ExportOrder_pkey" PRIMARY KEY ("platform","lineId")
);

-- CreateIndex
CREATE INDEX "ExportOrder_store_channel_date_idx" ON "ExportOrder"("store", "channel", "date");

