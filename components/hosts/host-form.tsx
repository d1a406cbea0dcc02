"use client";
import { useRef, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { useFormAction } from "@/components/ui/use-form-action";
import { addHostAction, testHostAction, updateHostAction } from "@/lib/actions/hosts";
import type { ProbeResult } from "@/lib/hosts/probe-host";
import type { HostSummary } from "@/lib/inventory/summaries";
import { PrivateKeyField } from "./private-key-field";
import { ProbeResultPanel } from "./probe-result";

const EXAMPLES = "qemu:///system, qemu+ssh://root@kvm1.example/system, qemu+tcp://10.0.0.5/system";

export interface HostFormValues {
  id?: string;
  name: string;
  uri: string;
  sshUser: string;
  /** The accepted SSH host key ("type base64") and its fingerprint, when one is stored. */
  sshHostKey: string;
  sshHostKeyFingerprint: string;
  /** Fingerprint of the stored private key (the key itself never leaves the server). */
  keyFingerprint: string;
}

const EMPTY: HostFormValues = {
  name: "",
  uri: "",
  sshUser: "",
  sshHostKey: "",
  sshHostKeyFingerprint: "",
  keyFingerprint: "",
};

/** Add or edit a host: name, URI, SSH user and key; "Test connection" shows what answers. */
export function HostForm({
  initial = EMPTY,
  onSaved,
}: {
  initial?: HostFormValues;
  onSaved: (host: HostSummary) => void;
}) {
  const editing = initial.id !== undefined;
  const formRef = useRef<HTMLFormElement>(null);
  const [uri, setUri] = useState(initial.uri);
  const [hostKey, setHostKey] = useState({
    openssh: initial.sshHostKey,
    fingerprint: initial.sshHostKeyFingerprint,
  });
  const [probe, setProbe] = useState<ProbeResult | null>(null);
  const [testError, setTestError] = useState<string | null>(null);
  const [testing, startTest] = useTransition();
  const { onSubmit, fieldErrors, error, pending } = useFormAction(
    editing ? updateHostAction : addHostAction,
    ({ host }, form) => {
      if (!editing) {
        form.reset();
        setUri("");
        setHostKey({ openssh: "", fingerprint: "" });
      }
      setProbe(null);
      onSaved(host);
    },
  );
  const ssh = /^[a-z0-9]+\+ssh:/i.test(uri.trim());

  const test = () =>
    startTest(async () => {
      if (!formRef.current) return;
      setProbe(null);
      const result = await testHostAction(new FormData(formRef.current));
      setTestError(result.ok ? null : result.error);
      if (!result.ok) return;
      setProbe(result.data.reached);
      const offered = result.data.reached.hostKey;
      if (offered && !hostKey.openssh) setHostKey(offered);
    });

  return (
    <form
      ref={formRef}
      onSubmit={(event) => {
        setTestError(null);
        onSubmit(event);
      }}
      className="flex max-w-4xl flex-col gap-4"
      aria-label={editing ? "Edit host" : "Add host"}
    >
      {editing ? <input type="hidden" name="id" value={initial.id} /> : null}
      <input type="hidden" name="sshHostKey" value={ssh ? hostKey.openssh : ""} />
      <div className="grid gap-4 md:grid-cols-[1fr_2fr]">
        <Field
          label="Name"
          name="name"
          placeholder="kvm1"
          required
          maxLength={64}
          defaultValue={initial.name}
          error={fieldErrors.name?.[0]}
        />
        <Field
          label="libvirt URI"
          name="uri"
          placeholder="qemu+ssh://root@kvm1.example/system"
          required
          spellCheck={false}
          autoCapitalize="off"
          value={uri}
          onChange={(e) => {
            setUri(e.target.value);
            setProbe(null);
            setTestError(null);
            if (!editing) setHostKey({ openssh: "", fingerprint: "" });
          }}
          error={fieldErrors.uri?.[0]}
          hint={`As for virsh -c, e.g. ${EXAMPLES}`}
        />
      </div>
      {ssh ? (
        <div className="grid gap-4 md:grid-cols-[1fr_2fr]">
          <Field
            label="SSH user"
            name="sshUser"
            placeholder="root (or the user in the URI)"
            autoCapitalize="off"
            spellCheck={false}
            defaultValue={initial.sshUser}
            error={fieldErrors.sshUser?.[0]}
          />
          <PrivateKeyField
            storedFingerprint={initial.keyFingerprint}
            error={fieldErrors.privateKey?.[0]}
          />
          {hostKey.openssh ? (
            <p className="text-sm text-zinc-600 md:col-span-2 dark:text-zinc-400">
              Accepted host key:{" "}
              <code data-testid="accepted-host-key" className="font-mono text-xs">
                {hostKey.fingerprint}
              </code>{" "}
              <Button
                variant="ghost"
                onClick={() => setHostKey({ openssh: "", fingerprint: "" })}
                className="px-2 py-1 text-xs"
              >
                Forget it
              </Button>
            </p>
          ) : null}
        </div>
      ) : null}
      {probe ? <ProbeResultPanel result={probe} /> : null}
      <FormError message={testError ?? error ?? fieldErrors.sshHostKey?.[0] ?? null} />
      <div className="flex gap-2">
        <Button variant="secondary" onClick={test} disabled={testing || pending}>
          {testing ? "Testing…" : "Test connection"}
        </Button>
        <Button type="submit" disabled={pending || testing}>
          {pending ? "Connecting…" : editing ? "Save changes" : "Add host"}
        </Button>
      </div>
    </form>
  );
}
