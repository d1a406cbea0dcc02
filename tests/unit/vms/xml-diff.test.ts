import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { domainXmlDiff } from "@/lib/vms/xml-diff";

const PLAIN = readFileSync(path.join(import.meta.dirname, "fixtures", "plain.xml"), "utf8");

describe("domainXmlDiff", () => {
  it("lists only the changed lines, without their indentation", () => {
    const after = PLAIN.replace(
      "<vcpu placement='static'>1</vcpu>",
      "<vcpu placement='static'>2</vcpu>",
    )
      .replace(
        "      <readonly/>\n    </disk>\n    <disk type='volume'",
        "    </disk>\n    <disk type='volume'",
      )
      .replace("</devices>", "  <watchdog model='i6300esb'/>\n  </devices>");
    expect(domainXmlDiff(PLAIN, after)).toBe(
      [
        "-<vcpu placement='static'>1</vcpu>",
        "+<vcpu placement='static'>2</vcpu>",
        "-<readonly/>",
        "+<watchdog model='i6300esb'/>",
      ].join("\n"),
    );
  });

  it("ignores indentation and blank lines, and says when nothing changed", () => {
    const reindented = PLAIN.split("\n")
      .map((l) => `\t${l.trim()}\n`)
      .join("\n");
    expect(domainXmlDiff(PLAIN, reindented)).toBe("no change");
  });

  it("masks VNC passwords, and says when one changed without showing either", () => {
    const after = PLAIN.replace("passwd='s3cret'", 'passwd="n3w\nsecret\'s"').replace(
      "<vcpu placement='static'>1</vcpu>",
      "<vcpu placement='static'>2</vcpu>",
    );
    const diff = domainXmlDiff(PLAIN, after);
    expect(diff).not.toMatch(/s3cret|n3w|secret's/);
    expect(diff).toBe(
      [
        "-<vcpu placement='static'>1</vcpu>",
        "+<vcpu placement='static'>2</vcpu>",
        "a graphics password changed",
      ].join("\n"),
    );
    const removed = domainXmlDiff(PLAIN, PLAIN.replace(" passwd='s3cret'", ""));
    expect(removed).toBe(
      [
        "-<graphics type='vnc' port='-1' autoport='yes' listen='127.0.0.1' passwd='***'/>",
        "+<graphics type='vnc' port='-1' autoport='yes' listen='127.0.0.1'/>",
        "a graphics password changed",
      ].join("\n"),
    );
  });

  it("stops at about 1,500 characters and counts the lines left out", () => {
    const many = Array.from({ length: 300 }, (_, i) => `<tag n='${i}'/>`).join("\n");
    const diff = domainXmlDiff(PLAIN, PLAIN.replace("</devices>", `${many}\n</devices>`));
    expect(diff.length).toBeLessThanOrEqual(1_540);
    expect(diff.startsWith("+<tag n='0'/>\n+<tag n='1'/>")).toBe(true);
    const shown = diff.split("\n").length - 1;
    expect(diff.endsWith(`… and ${300 - shown} more changed lines`)).toBe(true);
  });
});
