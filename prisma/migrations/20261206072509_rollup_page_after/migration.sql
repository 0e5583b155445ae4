-- AlterTable
ALTER TABLE "Rollup" ADD COLUMN "pageAfter" DATETIME;

