"use client";
// The VM's screen in small, from libvirt's screenshot stream, refreshed every few seconds while
// it is on screen and the tab is visible (a hidden tab asks the host for nothing).
import Link from "next/link";
import { useEffect, useRef, useState } from "react";

const REFRESH_MS = 5_000;

export function VmThumbnail({ vmId, running }: { vmId: string; running: boolean }) {
  const boxRef = useRef<HTMLAnchorElement>(null);
  const [src, setSrc] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!running) return;
    let visible = false;
    let stopped = false;
    let url: string | null = null;
    const refresh = async () => {
      if (!visible || document.visibilityState !== "visible") return;
      try {
        const res = await fetch(`/api/v1/vms/${vmId}/consoles/screenshot`, { cache: "no-store" });
        if (!res.ok)
          throw new Error(((await res.json()) as { error?: string }).error ?? res.statusText);
        const next = URL.createObjectURL(await res.blob());
        if (stopped) return URL.revokeObjectURL(next);
        if (url) URL.revokeObjectURL(url);
        url = next;
        setSrc(next);
        setError(null);
      } catch (e) {
        if (!stopped) setError(e instanceof Error ? e.message : String(e));
      }
    };
    const observer = new IntersectionObserver(([entry]) => {
      const was = visible;
      visible = entry?.isIntersecting ?? false;
      if (visible && !was) void refresh();
    });
    if (boxRef.current) observer.observe(boxRef.current);
    const timer = window.setInterval(() => void refresh(), REFRESH_MS);
    const onVisibility = () => void refresh();
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      stopped = true;
      observer.disconnect();
      window.clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisibility);
      if (url) URL.revokeObjectURL(url);
    };
  }, [vmId, running]);

  if (!running) return null;
  return (
    <Link
      ref={boxRef}
      href={`/vms/${vmId}/console/vnc`}
      className="block w-full max-w-xs overflow-hidden rounded-md border border-zinc-200 bg-zinc-900 dark:border-zinc-800"
      title="Open the console"
    >
      {src ? (
        // biome-ignore lint/performance/noImgElement: a blob URL refreshed in place, not an optimisable asset
        <img src={src} alt="The VM's screen" data-testid="vm-thumbnail" className="block w-full" />
      ) : (
        <span className="block p-4 text-xs text-zinc-400">{error ?? "Loading the screen…"}</span>
      )}
    </Link>
  );
}
