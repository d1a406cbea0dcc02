"use client";
// What a per-host form page (create VM, create network) shows while its host cannot be read:
// why, a way to pick another host, and a fresh render by itself once the host is online again,
// e.g. right after it was added and is still connecting.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback } from "react";
import { EmptyState } from "@/components/ui/empty-state";
import { LINK } from "@/components/ui/link-style";
import type { ServerMessage } from "@/lib/live/messages";
import { useLiveEvents } from "@/lib/queries/live-socket";

export function HostUnreachable({
  host,
  error,
  others,
  basePath,
}: {
  host: { id: string; name: string };
  error: string | null;
  others: { id: string; name: string }[];
  /** The page's own path; other hosts are offered as `${basePath}?host=<id>`. */
  basePath: string;
}) {
  const router = useRouter();
  useLiveEvents(
    useCallback(
      (m: ServerMessage) => {
        // "hello" too: the host may have come online between this render and the socket.
        const online = m.type === "host" && m.host.id === host.id && m.host.status === "online";
        if (online || m.type === "hello") router.refresh();
      },
      [host.id, router],
    ),
  );
  return (
    <EmptyState
      title={`${host.name} is not reachable`}
      action={
        others.length > 0 ? (
          <p className="text-sm">
            Use another host:{" "}
            {others.map((h, i) => (
              <span key={h.id}>
                {i > 0 ? ", " : ""}
                <Link href={`${basePath}?host=${h.id}`} className={LINK}>
                  {h.name}
                </Link>
              </span>
            ))}
          </p>
        ) : null
      }
    >
      <span data-testid="host-unreachable">{error}</span>
      <span className="mt-1 block text-xs">This page reloads by itself when the host is back.</span>
    </EmptyState>
  );
}
