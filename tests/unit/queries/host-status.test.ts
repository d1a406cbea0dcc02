import { describe, expect, it } from "vitest";
import type { HostSummary } from "@/lib/inventory/summaries";
import { withNewerStatus } from "@/lib/queries/hosts";

const host = (over: Partial<HostSummary>): HostSummary => ({
  id: "h1",
  name: "kvm1",
  uri: "qemu:///system",
  status: "connecting",
  lastError: null,
  statusChangedAt: "2026-11-27T10:00:00.000Z",
  lastSeenAt: null,
  maintenance: false,
  ...over,
});

describe("withNewerStatus", () => {
  it("keeps a status that arrived over the socket after the read began", () => {
    // The read saw "connecting"; "online" came over /ws/events while the response was on its way.
    const fetched = host({ name: "kvm1-renamed" });
    const cached = host({ status: "online", statusChangedAt: "2026-11-27T10:00:00.120Z" });
    expect(withNewerStatus(fetched, cached)).toEqual({
      ...fetched,
      status: "online",
      statusChangedAt: "2026-11-27T10:00:00.120Z",
    });
  });

  it("keeps the cached status over a host without a status time (an action's fresh row)", () => {
    const cached = host({ status: "online" });
    expect(withNewerStatus(host({ statusChangedAt: null }), cached)).toEqual(cached);
  });

  it("takes the read when it is as new or newer", () => {
    const cached = host({ status: "online" });
    const fetched = host({ status: "offline", statusChangedAt: "2026-11-27T10:00:05.000Z" });
    expect(withNewerStatus(fetched, cached)).toBe(fetched);
    expect(withNewerStatus(host({}), host({ status: "online" }))).toEqual(host({}));
    expect(withNewerStatus(fetched, undefined)).toBe(fetched);
  });
});
