"use client";
// Uploads a file as a new volume. XHR (not fetch) because only XHR reports upload progress; the
// file goes as the raw request body with its Content-Length, and Cancel aborts the request,
// which makes the server abort libvirt's stream and delete the partial volume.
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { ProgressBar } from "@/components/ui/progress-bar";
import { useToast } from "@/components/ui/toaster";
import { useGate } from "@/lib/queries/access";
import { useRefreshStorage } from "@/lib/queries/storage";
import { formatBytes } from "@/lib/storage/sizes";
import type { PoolDetail } from "@/lib/storage/summaries";

interface Progress {
  sent: number;
  total: number;
  bytesPerSecond: number;
}

/** Field's input look, with the picker's button as a secondary button inside it. */
const FILE_INPUT =
  "rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm font-normal text-zinc-700 shadow-sm outline-none focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/30 disabled:opacity-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-300 file:mr-3 file:rounded-md file:border file:border-zinc-300 file:bg-zinc-50 file:px-3 file:py-1 file:text-sm file:font-medium file:text-zinc-800 hover:file:bg-zinc-100 dark:file:border-zinc-700 dark:file:bg-zinc-800 dark:file:text-zinc-100 dark:hover:file:bg-zinc-700";

function guessFormat(file: File): string {
  if (/\.iso$/i.test(file.name)) return "iso";
  if (/\.qcow2$/i.test(file.name)) return "qcow2";
  return "raw";
}

export function UploadVolume({ pool }: { pool: PoolDetail }) {
  const lock = useGate()("Datastore.AllocateSpace", {
    kind: "pool",
    hostId: pool.hostId,
    pool: pool.name,
  });
  const refresh = useRefreshStorage();
  const xhrRef = useRef<XMLHttpRequest | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState("");
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const { notify, dismiss } = useToast();
  const [uploading, setUploading] = useState(false);

  const start = () => {
    if (!file) return setError("Choose a file first");
    setError(null);
    setDone(false);
    dismiss("upload-done");
    const q = new URLSearchParams({ name: name || file.name, format: guessFormat(file) });
    const url = `/api/v1/hosts/${pool.hostId}/pools/${encodeURIComponent(pool.name)}/upload?${q}`;
    const xhr = new XMLHttpRequest();
    xhrRef.current = xhr;
    setUploading(true);
    const t0 = performance.now();
    setProgress({ sent: 0, total: file.size, bytesPerSecond: 0 });
    xhr.upload.onprogress = (e) => {
      const seconds = (performance.now() - t0) / 1000;
      setProgress({
        sent: e.loaded,
        total: file.size,
        bytesPerSecond: seconds > 0 ? e.loaded / seconds : 0,
      });
    };
    const finish = (ok: boolean, text: string) => {
      xhrRef.current = null;
      setUploading(false);
      if (ok) {
        setDone(true);
        notify({ key: "upload-done", ok: true, text });
        setProgress((p) => (p ? { ...p, sent: p.total } : p));
      } else {
        setError(text);
        setProgress(null);
      }
      void refresh();
    };
    xhr.onload = () => {
      let message = `Upload failed (${xhr.status})`;
      try {
        message = (JSON.parse(xhr.responseText) as { error?: string }).error ?? message;
      } catch {}
      if (xhr.status === 201) finish(true, `Uploaded ${name || file.name}`);
      else finish(false, message);
    };
    xhr.onerror = () => finish(false, "The upload was interrupted");
    xhr.onabort = () => finish(false, "Upload cancelled");
    xhr.open("PUT", url);
    xhr.setRequestHeader("Content-Type", "application/octet-stream");
    xhr.send(file);
  };

  const pct =
    progress && progress.total > 0 ? Math.floor((progress.sent / progress.total) * 100) : 0;
  return (
    <div className="flex flex-col gap-3">
      <label className="flex flex-col gap-1 text-sm font-medium text-zinc-700 dark:text-zinc-300">
        ISO or disk image
        <input
          type="file"
          name="file"
          data-testid="upload-file"
          className={FILE_INPUT}
          disabled={uploading}
          onChange={(e) => {
            const f = e.target.files?.[0] ?? null;
            setFile(f);
            if (f) setName(f.name);
          }}
        />
      </label>
      <Field
        label="Volume name"
        name="uploadName"
        value={name}
        onChange={(e) => setName(e.target.value)}
        disabled={uploading}
        hint={
          file
            ? `${formatBytes(file.size)}; ${formatBytes(pool.available)} free in ${pool.name}`
            : undefined
        }
      />
      {progress ? (
        <div className="flex flex-col gap-1" data-testid="upload-progress">
          <ProgressBar
            label="Upload progress"
            percent={pct}
            tone={done ? "emerald" : "indigo"}
            testId="upload-bar"
          />
          <span className="text-xs text-zinc-500 dark:text-zinc-400" data-testid="upload-percent">
            {pct} % · {formatBytes(progress.sent)} of {formatBytes(progress.total)} ·{" "}
            {formatBytes(Math.round(progress.bytesPerSecond))}/s
          </span>
        </div>
      ) : null}
      <FormError message={error} />
      <div className="flex items-center gap-3">
        {uploading ? (
          <Button variant="danger" onClick={() => xhrRef.current?.abort()}>
            Cancel upload
          </Button>
        ) : (
          <Button onClick={start} disabled={!file || !pool.active} {...lock}>
            Upload
          </Button>
        )}
      </div>
    </div>
  );
}
