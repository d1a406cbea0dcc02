"use client";
import { useRef } from "react";

/**
 * The SSH private key, pasted or read from a file in the browser. It goes to the server once,
 * is stored encrypted, and is never sent back: an edit shows only the stored key's fingerprint.
 */
export function PrivateKeyField({
  storedFingerprint,
  error,
}: {
  storedFingerprint: string;
  error?: string | undefined;
}) {
  const area = useRef<HTMLTextAreaElement>(null);
  const onFile = async (file: File | undefined) => {
    if (file && area.current) area.current.value = await file.text();
  };
  return (
    <div className="flex flex-col gap-1">
      <label
        htmlFor="field-privateKey"
        className="text-sm font-medium text-zinc-700 dark:text-zinc-300"
      >
        Private key
      </label>
      <textarea
        ref={area}
        id="field-privateKey"
        name="privateKey"
        rows={3}
        spellCheck={false}
        autoComplete="off"
        placeholder={
          storedFingerprint
            ? "Leave empty to keep the stored key"
            : "-----BEGIN OPENSSH PRIVATE KEY-----"
        }
        aria-invalid={error ? true : undefined}
        aria-describedby="field-privateKey-hint"
        className="rounded-md border border-zinc-300 bg-white px-3 py-2 font-mono text-xs shadow-sm outline-none focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/30 aria-invalid:border-red-500 dark:border-zinc-700 dark:bg-zinc-900"
      />
      <div
        id="field-privateKey-hint"
        className="flex flex-wrap items-center gap-2 text-xs text-zinc-500 dark:text-zinc-400"
      >
        <label className="cursor-pointer underline">
          Upload a key file
          <input
            type="file"
            className="sr-only"
            onChange={(e) => void onFile(e.target.files?.[0])}
          />
        </label>
        <span>
          {storedFingerprint
            ? `Stored key ${storedFingerprint}.`
            : "Or leave empty to use ?keyfile= in the URI."}{" "}
          Kept encrypted; never shown again.
        </span>
      </div>
      {error ? (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </div>
  );
}
