// Every server action must go through authedAction (session first) unless it is one of the few
// deliberately open ones. This test fails when someone exports a bare action.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const OPEN_ACTIONS = new Set(["signInAction", "signOutAction", "changePasswordAction"]);
const root = path.resolve(import.meta.dirname, "../../..");

function serverActionFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .filter((file) => /^\s*["']use server["']/.test(readFileSync(file, "utf8")));
}

describe("server actions", () => {
  const files = [
    ...serverActionFiles(path.join(root, "lib")),
    ...serverActionFiles(path.join(root, "app")),
  ];

  it("are found", () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it("are each wrapped by authedAction, or listed as deliberately open", () => {
    for (const file of files) {
      const source = readFileSync(file, "utf8");
      const exports = [
        ...source.matchAll(/export\s+(?:const|async function|function)\s+(\w+)\s*(=\s*(\w+))?/g),
      ];
      for (const [, name, , wrapper] of exports) {
        const ok =
          wrapper === "authedAction" || (OPEN_ACTIONS.has(name!) && wrapper === "openAction");
        expect(ok, `${path.relative(root, file)}: ${name} must be built with authedAction`).toBe(
          true,
        );
      }
    }
  });
});
