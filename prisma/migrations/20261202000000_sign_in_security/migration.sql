-- AlterTable
ALTER TABLE "User" ADD COLUMN "oneTimePasswordExpiresAt" DATETIME;

-- RedefineTables (SQLite cannot add a column whose default is CURRENT_TIMESTAMP)
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Session" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tokenHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "userAgent" TEXT,
    "signedInAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Session" ("id", "tokenHash", "userId", "createdAt", "lastSeenAt", "expiresAt", "userAgent", "signedInAt")
    SELECT "id", "tokenHash", "userId", "createdAt", "lastSeenAt", "expiresAt", "userAgent", "createdAt" FROM "Session";
DROP TABLE "Session";
ALTER TABLE "new_Session" RENAME TO "Session";
CREATE UNIQUE INDEX "Session_tokenHash_key" ON "Session"("tokenHash");
CREATE INDEX "Session_userId_idx" ON "Session"("userId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN "clientAddress" TEXT;
ALTER TABLE "AuditEvent" ADD COLUMN "userAgent" TEXT;

-- CreateTable
CREATE TABLE "SignInFailure" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "username" TEXT NOT NULL,
    "address" TEXT NOT NULL
);

-- CreateIndex
CREATE INDEX "SignInFailure_username_address_at_idx" ON "SignInFailure"("username", "address", "at");

-- CreateIndex
CREATE INDEX "SignInFailure_address_at_idx" ON "SignInFailure"("address", "at");
