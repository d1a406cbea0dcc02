"use client";
// The VM's serial console in xterm.js: raw bytes both ways in binary frames, fitted to its box
// (the size is reported to the server), input disabled while disconnected, and a takeover offer
// when another client holds the console.
import "@xterm/xterm/css/xterm.css";
import type { Terminal } from "@xterm/xterm";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { describeClose } from "@/lib/consoles/close-codes";
import {
  type ConsoleStatus,
  measureLatency,
  openConsoleSocket,
  requestConsoleTicket,
} from "./console-socket";
import { ConsoleEnded, ConsoleStatusBadge } from "./console-status";
import { useFillHeight } from "./use-fill-height";

export function SerialConsole({ vmId, popOut }: { vmId: string; popOut?: boolean }) {
  const boxRef = useRef<HTMLDivElement>(null);
  const [status, setStatus] = useState<ConsoleStatus>("connecting");
  const [message, setMessage] = useState<string | null>(null);
  const [latency, setLatency] = useState<number | null>(null);
  const [attempt, setAttempt] = useState({ n: 0, force: false });
  useFillHeight(boxRef);

  useEffect(() => {
    let cancelled = false;
    let term: Terminal | null = null;
    let socket: WebSocket | null = null;
    let stopLatency = () => {};
    let observer: ResizeObserver | null = null;
    setStatus("connecting");
    setMessage(null);
    (async () => {
      const [{ Terminal: TerminalClass }, { FitAddon }, opened] = await Promise.all([
        import("@xterm/xterm"),
        import("@xterm/addon-fit"),
        requestConsoleTicket(vmId, "serial", attempt.force),
      ]);
      if (cancelled || !boxRef.current) return;
      const ws = openConsoleSocket(opened.url);
      socket = ws;
      const t = new TerminalClass({
        cursorBlink: true,
        fontSize: 14,
        disableStdin: true,
        convertEol: false,
      });
      term = t;
      const fit = new FitAddon();
      t.loadAddon(fit);
      t.open(boxRef.current);
      const sendSize = () => {
        fit.fit();
        if (ws.readyState === WebSocket.OPEN)
          ws.send(JSON.stringify({ type: "resize", cols: t.cols, rows: t.rows }));
      };
      observer = new ResizeObserver(() => sendSize());
      observer.observe(boxRef.current);
      stopLatency = measureLatency(ws, setLatency);
      const encoder = new TextEncoder();
      t.onData((data) => {
        if (ws.readyState === WebSocket.OPEN) ws.send(encoder.encode(data));
      });
      ws.addEventListener("open", () => {
        if (cancelled) return;
        setStatus("connected");
        t.options.disableStdin = false;
        sendSize();
        t.focus();
        // A nudge, so that an idle shell prints its prompt.
        ws.send(encoder.encode("\r"));
      });
      ws.addEventListener("message", (e) => {
        if (typeof e.data !== "string") t.write(new Uint8Array(e.data as ArrayBuffer));
      });
      ws.addEventListener("close", (e) => {
        if (cancelled) return;
        t.options.disableStdin = true;
        const ended = describeClose(e.code, e.reason);
        setStatus(ended.status);
        setMessage(ended.message);
      });
    })().catch((e: unknown) => {
      if (cancelled) return;
      setStatus("disconnected");
      setMessage(e instanceof Error ? e.message : String(e));
    });
    return () => {
      cancelled = true;
      stopLatency();
      observer?.disconnect();
      socket?.close();
      term?.dispose();
    };
  }, [vmId, attempt]);

  return (
    <div className="flex flex-col gap-3">
      <div className="flex items-center justify-between gap-3">
        {popOut ? (
          <span />
        ) : (
          <Button
            variant="ghost"
            onClick={() =>
              window.open(`/console/${vmId}/serial`, `serial-${vmId}`, "popup,width=900,height=600")
            }
          >
            Pop out
          </Button>
        )}
        <ConsoleStatusBadge status={status} latencyMs={latency} />
      </div>
      {message ? (
        <ConsoleEnded
          message={message}
          onReconnect={() => setAttempt((a) => ({ n: a.n + 1, force: false }))}
          extra={
            status === "busy" || status === "taken-over" ? (
              <Button
                variant="danger"
                onClick={() => setAttempt((a) => ({ n: a.n + 1, force: true }))}
              >
                {status === "busy" ? "Take over" : "Take it back"}
              </Button>
            ) : null
          }
        />
      ) : null}
      <div
        ref={boxRef}
        data-testid="serial-terminal"
        data-status={status}
        className="w-full overflow-hidden rounded-md bg-black p-2"
      />
    </div>
  );
}
