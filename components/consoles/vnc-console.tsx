"use client";
// The VM's screen through noVNC: a thin wrapper that creates noVNC's RFB over Virtdeck's console
// WebSocket in an effect and disconnects on clean-up (as cockpit-machines does).
import type RFB from "@novnc/novnc";
import { useEffect, useRef, useState } from "react";
import { describeClose } from "@/lib/consoles/close-codes";
import {
  type ConsoleStatus,
  measureLatency,
  openConsoleSocket,
  requestConsoleTicket,
} from "./console-socket";
import { ConsoleEnded, ConsoleStatusBadge } from "./console-status";
import { useFillHeight } from "./use-fill-height";
import { VncPasswordPrompt } from "./vnc-password-prompt";
import { type Scaling, VncToolbar } from "./vnc-toolbar";

export function VncConsole({
  vmId,
  vmName,
  popOut,
}: {
  vmId: string;
  vmName: string;
  popOut?: boolean;
}) {
  const screenRef = useRef<HTMLDivElement>(null);
  const frameRef = useRef<HTMLDivElement>(null);
  const [rfb, setRfb] = useState<RFB | null>(null);
  const [status, setStatus] = useState<ConsoleStatus>("connecting");
  const [message, setMessage] = useState<string | null>(null);
  const [latency, setLatency] = useState<number | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [scaling, setScaling] = useState<Scaling>("fit");
  const [askPassword, setAskPassword] = useState<RFB | null>(null);
  useFillHeight(screenRef);

  useEffect(() => {
    let cancelled = false;
    let instance: RFB | null = null;
    let socket: WebSocket | null = null;
    let stopLatency = () => {};
    const fail = (text: string) => {
      if (cancelled) return;
      setStatus("disconnected");
      setMessage(text);
      setRfb(null);
      setAskPassword(null);
    };
    setStatus("connecting");
    setMessage(null);
    void attempt;
    (async () => {
      const [{ default: RfbClass }, opened] = await Promise.all([
        import("@novnc/novnc"),
        requestConsoleTicket(vmId, "vnc"),
      ]);
      if (cancelled || !screenRef.current) return;
      socket = openConsoleSocket(opened.url);
      socket.addEventListener("close", (e) => fail(describeClose(e.code, e.reason).message));
      stopLatency = measureLatency(socket, setLatency);
      const credentials = opened.password ? { password: opened.password } : undefined;
      const r = new RfbClass(screenRef.current, socket, { credentials });
      instance = r;
      // Text frames are Virtdeck's control replies (pong), not RFB bytes: keep them from noVNC.
      const rfbOnMessage = socket.onmessage;
      socket.onmessage = (e) => {
        if (typeof e.data !== "string") rfbOnMessage?.call(socket as WebSocket, e);
      };
      r.background = "#18181b";
      r.addEventListener("connect", () => {
        if (cancelled) return;
        setStatus("connected");
        setRfb(r);
        setAskPassword(null);
        r.focus();
      });
      r.addEventListener("credentialsrequired", () => setAskPassword(r));
      r.addEventListener("securityfailure", () => fail("The VNC server refused the password"));
    })().catch((e: unknown) => fail(e instanceof Error ? e.message : String(e)));
    return () => {
      cancelled = true;
      stopLatency();
      instance?.disconnect();
      socket?.close();
    };
  }, [vmId, attempt]);

  useEffect(() => {
    if (!rfb) return;
    rfb.scaleViewport = scaling === "fit";
    rfb.resizeSession = scaling === "remote";
    rfb.clipViewport = scaling === "native";
  }, [rfb, scaling]);

  const screenshot = () =>
    rfb?.toBlob((blob) => {
      if (!blob) return;
      const a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = `${vmName}-${new Date().toISOString().replace(/[:.]/g, "-")}.png`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
    }, "image/png");

  return (
    <div className="flex flex-col gap-3" ref={frameRef}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <VncToolbar
          rfb={rfb}
          scaling={scaling}
          onScaling={setScaling}
          onFullscreen={() => void frameRef.current?.requestFullscreen()}
          onScreenshot={screenshot}
          onPopOut={
            popOut
              ? undefined
              : () =>
                  window.open(`/console/${vmId}/vnc`, `vnc-${vmId}`, "popup,width=1100,height=820")
          }
        />
        <ConsoleStatusBadge status={status} latencyMs={latency} />
      </div>
      {message ? (
        <ConsoleEnded message={message} onReconnect={() => setAttempt((n) => n + 1)} />
      ) : null}
      {askPassword ? (
        <VncPasswordPrompt onSubmit={(password) => askPassword.sendCredentials({ password })} />
      ) : null}
      <div
        ref={screenRef}
        data-testid="vnc-screen"
        className="w-full overflow-auto rounded-md bg-zinc-900"
      />
    </div>
  );
}
