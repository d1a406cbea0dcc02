-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN "objectPath" TEXT;

-- CreateTable
CREATE TABLE "Group" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "GroupMember" (
    "groupId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,

    PRIMARY KEY ("groupId", "userId"),
    CONSTRAINT "GroupMember_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "GroupMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Role" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "privileges" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "AclEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "path" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "propagate" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "VmGroup" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "VmGroupMember" (
    "vmUuid" TEXT NOT NULL PRIMARY KEY,
    "groupId" TEXT NOT NULL,
    CONSTRAINT "VmGroupMember_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "VmGroup" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AccessVersion" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT DEFAULT 1,
    "version" INTEGER NOT NULL DEFAULT 0
);

-- New columns are added in place: redefining User would cascade-delete its sessions and tokens.
ALTER TABLE "User" ADD COLUMN "disabled" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "ApiToken" ADD COLUMN "expiresAt" DATETIME;
ALTER TABLE "ApiToken" ADD COLUMN "privsep" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE UNIQUE INDEX "Group_name_key" ON "Group"("name");

-- CreateIndex
CREATE INDEX "GroupMember_userId_idx" ON "GroupMember"("userId");

-- CreateIndex
CREATE INDEX "AclEntry_subjectType_subjectId_idx" ON "AclEntry"("subjectType", "subjectId");

-- CreateIndex
CREATE UNIQUE INDEX "AclEntry_path_subjectType_subjectId_role_key" ON "AclEntry"("path", "subjectType", "subjectId", "role");

-- CreateIndex
CREATE UNIQUE INDEX "VmGroup_name_key" ON "VmGroup"("name");

-- CreateIndex
CREATE INDEX "VmGroupMember_groupId_idx" ON "VmGroupMember"("groupId");

-- CreateIndex
CREATE INDEX "AuditEvent_userId_at_idx" ON "AuditEvent"("userId", "at");

-- Until now every user could do everything: they become Administrator on /, and their API
-- tokens (not privilege-separated) keep working with exactly their user's rights.
INSERT INTO "AclEntry" ("id", "path", "subjectType", "subjectId", "role", "propagate")
SELECT 'acl' || lower(hex(randomblob(12))), '/', 'user', "id", 'Administrator', true FROM "User";

INSERT INTO "AccessVersion" ("id", "version") VALUES (1, 1);

