-- AlterTable
ALTER TABLE "User" ADD COLUMN "oneTimePasswordExpiresAt" DATETIME;

-- AlterTable
ALTER TABLE "Session" ADD COLUMN "signedInAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP;
UPDATE "Session" SET "signedInAt" = "createdAt";

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
