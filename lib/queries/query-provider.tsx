"use client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";

/** This tab's query cache. Live updates arrive over /ws/events and are written into it. */
export function QueryProvider({ children }: { children: ReactNode }) {
  // No polling by default: what changes on a host comes over the live socket.
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: { staleTime: Number.POSITIVE_INFINITY, refetchOnWindowFocus: false },
        },
      }),
  );
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
