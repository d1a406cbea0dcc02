"use client";
// Features that have no table of their own (networks, storage) keep what each host said in the
// TanStack Query cache under one key, and read it again when /ws/events says something changed.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useMemo, useState } from "react";
import type { ServerMessage } from "@/lib/live/messages";
import { useLiveEvents } from "@/lib/queries/live-socket";
import { fetchJson } from "./fetch-json";

/** Reads everything under `key` (a constant) again on the socket's hello, host changes and `kind`. */
export function useRereadOn(key: readonly string[], kind: ServerMessage["type"]): void {
  const client = useQueryClient();
  useLiveEvents(
    useCallback(
      (m: ServerMessage) => {
        if (m.type === "hello" || m.type === "host" || m.type === kind)
          void client.invalidateQueries({ queryKey: key });
      },
      [client, key, kind],
    ),
  );
}

interface PerHost {
  hostId: string;
  error: string | null;
}

/**
 * Every host's part of a list, each read from `/api/v1/hosts/{id}/{path}`; a host that cannot
 * be read says why in `error` instead of failing the whole list.
 */
export function usePerHostList<H extends PerHost, K extends keyof H & string>(
  key: readonly string[],
  initial: H[],
  path: string,
  field: K,
) {
  return useQuery({
    queryKey: key,
    initialData: initial,
    queryFn: () =>
      Promise.all(
        initial.map(async (h): Promise<H> => {
          try {
            const body = await fetchJson<Pick<H, K>>(`/api/v1/hosts/${h.hostId}/${path}`);
            return { ...h, error: null, [field]: body[field] };
          } catch (error) {
            return { ...h, error: (error as Error).message, [field]: [] };
          }
        }),
      ),
  });
}

/** What a detail page's delete button tells the page's query. */
export interface Leaving {
  /** Before the delete is sent: no more reads of the object (events, polls, one under way). */
  leave: () => Promise<void>;
  /** The delete was refused: read as before. */
  stay: () => void;
}

/**
 * For a detail page that deletes its object: once it leaves, its query (`key`) is disabled, so
 * that the deletion's own event or a poll does not read the object again and get "not found"
 * while the browser goes back to the list.
 */
export function useLeaving(key: readonly unknown[]): { enabled: boolean; leaving: Leaving } {
  const client = useQueryClient();
  const [left, setLeft] = useState(false);
  const keyText = JSON.stringify(key);
  const leaving = useMemo<Leaving>(
    () => ({
      leave: async () => {
        setLeft(true);
        await client.cancelQueries({ queryKey: JSON.parse(keyText) as unknown[], exact: true });
      },
      stay: () => setLeft(false),
    }),
    [client, keyText],
  );
  return { enabled: !left, leaving };
}
