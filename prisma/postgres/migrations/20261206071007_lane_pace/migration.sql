-- AlterTable
ALTER TABLE "OutboxLane" ADD COLUMN     "pacedUntil" TIMESTAMP(3);

