-- AlterTable
ALTER TABLE "OutboxLane" ADD COLUMN "pacedUntil" DATETIME;

