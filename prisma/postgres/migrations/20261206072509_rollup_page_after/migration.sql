-- AlterTable
ALTER TABLE "Rollup" ADD COLUMN     "pageAfter" TIMESTAMP(3);

