-- DropIndex
DROP INDEX "ExportOrder_store_channel_date_idx";

-- CreateIndex
CREATE INDEX "ExportOrder_store_channel_date_hour_idx" ON "ExportOrder"("store", "channel", "date", "hour");

