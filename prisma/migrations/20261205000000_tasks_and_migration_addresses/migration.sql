-- AlterTable
ALTER TABLE "Host" ADD COLUMN "migrationAddress" TEXT;
ALTER TABLE "Host" ADD COLUMN "migrationUri" TEXT;

-- CreateTable
CREATE TABLE "Task" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "object" TEXT NOT NULL,
    "objectLabel" TEXT NOT NULL,
    "hostId" TEXT,
    "vmUuid" TEXT,
    "userId" TEXT,
    "username" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "phase" TEXT,
    "done" REAL,
    "total" REAL,
    "unit" TEXT,
    "cancellable" BOOLEAN NOT NULL DEFAULT false,
    "result" TEXT,
    "error" TEXT,
    "parentId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "endedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "TaskLog" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "taskId" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "level" TEXT NOT NULL DEFAULT 'info',
    "line" TEXT NOT NULL,
    CONSTRAINT "TaskLog_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Task_createdAt_idx" ON "Task"("createdAt");

-- CreateIndex
CREATE INDEX "Task_state_idx" ON "Task"("state");

-- CreateIndex
CREATE INDEX "Task_vmUuid_createdAt_idx" ON "Task"("vmUuid", "createdAt");

-- CreateIndex
CREATE INDEX "Task_hostId_createdAt_idx" ON "Task"("hostId", "createdAt");

-- CreateIndex
CREATE INDEX "Task_parentId_idx" ON "Task"("parentId");

-- CreateIndex
CREATE INDEX "TaskLog_taskId_id_idx" ON "TaskLog"("taskId", "id");

