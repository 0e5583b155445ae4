-- DropIndex
DROP INDEX "OutboxMessage_threadOfId_idx";

-- CreateIndex
CREATE INDEX "OutboxMessage_threadOfId_rollupId_idx" ON "OutboxMessage"("threadOfId", "rollupId");

