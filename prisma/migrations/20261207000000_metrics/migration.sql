-- Metric history (lib/metrics): a series per VM (by UUID), host and pool; points per round-robin tier.
-- CreateTable
CREATE TABLE "MetricSeries" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "MetricPoint" (
    "seriesId" INTEGER NOT NULL,
    "tier" INTEGER NOT NULL,
    "t" INTEGER NOT NULL,
    "data" BLOB NOT NULL,

    PRIMARY KEY ("seriesId", "tier", "t"),
    CONSTRAINT "MetricPoint_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "MetricSeries" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "MetricSeries_key_key" ON "MetricSeries"("key");

-- CreateIndex
CREATE INDEX "MetricPoint_tier_t_idx" ON "MetricPoint"("tier", "t");

