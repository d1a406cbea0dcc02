// The osinfo-db catalog against libosinfo's own reader: `osinfo-query os` (libosinfo-bin) is the
// oracle for which systems exist and what they are called. npm test installs osinfo-db and
// libosinfo-bin (scripts/test.sh); Virtdeck itself only reads osinfo-db when it is present.
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { readOsinfo } from "@/lib/osinfo/catalog";

function osinfoQuery(): Map<string, string> {
  const out = execFileSync("osinfo-query", ["os", "--fields=id,name"], { encoding: "utf8" });
  const [header, , ...rows] = out.split("\n").filter((l) => l.trim());
  // Columns come in osinfo-query's own order, whatever --fields says: find them by header.
  const columns = header!.split("|").map((c) => c.trim());
  const [idAt, nameAt] = [columns.indexOf("ID"), columns.indexOf("Name")];
  return new Map(
    rows.map((l) => {
      const cells = l.split("|").map((c) => c.trim());
      return [cells[idAt]!, cells[nameAt]!];
    }),
  );
}

describe("osinfo-db catalog", () => {
  const catalog = readOsinfo();
  const oracle = osinfoQuery();

  it("lists the same systems under the same names as osinfo-query", () => {
    expect(oracle.size).toBeGreaterThan(100);
    expect(new Map(catalog.map((e) => [e.id, e.name]))).toEqual(oracle);
  });

  it("knows what Windows 11 and Debian 11 need", () => {
    const win11 = catalog.find((e) => e.id === "http://microsoft.com/win/11");
    expect(win11).toMatchObject({ family: "winnt", uefiOnly: true });
    expect(win11?.resources.ramBytes).toBeGreaterThanOrEqual(4 * 1024 ** 3);
    const debian = catalog.find((e) => e.id === "http://debian.org/debian/11");
    expect(debian).toMatchObject({ family: "linux", uefiOnly: false, shortId: "debian11" });
    expect(debian?.resources.storageBytes).toBeGreaterThan(0);
  });

  it("reads nothing, without failing, where osinfo-db is absent", () => {
    expect(readOsinfo("/nonexistent/osinfo")).toEqual([]);
  });
});
