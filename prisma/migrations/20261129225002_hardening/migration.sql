-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN "actorId" TEXT;

-- CreateTable
CREATE TABLE "SeenRequest" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_UserProfile" (
    "userId" TEXT NOT NULL PRIMARY KEY,
    "locale" TEXT,
    "chosenLocale" TEXT,
    "tz" TEXT,
    "isAdmin" BOOLEAN NOT NULL DEFAULT false,
    "fetchedAt" DATETIME NOT NULL
);
INSERT INTO "new_UserProfile" ("chosenLocale", "fetchedAt", "locale", "tz", "userId") SELECT "chosenLocale", "fetchedAt", "locale", "tz", "userId" FROM "UserProfile";
DROP TABLE "UserProfile";
ALTER TABLE "new_UserProfile" RENAME TO "UserProfile";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "SeenRequest_at_idx" ON "SeenRequest"("at");

