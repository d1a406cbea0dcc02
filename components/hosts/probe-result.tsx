import type { ProbeResult } from "@/lib/hosts/probe-host";

/** What "Test connection" reached: who answered, and for SSH the host key to be trusted. */
export function ProbeResultPanel({ result }: { result: ProbeResult }) {
  return (
    <div
      data-testid="probe-result"
      role="status"
      className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm dark:border-emerald-500/40 dark:bg-emerald-500/10"
    >
      <p className="font-medium">
        Reached <span data-testid="probe-hostname">{result.hostname}</span>
      </p>
      <p className="text-zinc-700 dark:text-zinc-300">
        libvirt {result.libvirtVersion} · {result.hypervisor} {result.hypervisorVersion}
      </p>
      {result.hostKey ? (
        <p className="mt-2 text-zinc-700 dark:text-zinc-300">
          SSH host key {result.hostKey.type}{" "}
          <code data-testid="probe-fingerprint" className="font-mono text-xs">
            {result.hostKey.fingerprint}
          </code>
          . Check it against the host (<code>ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub</code>);
          saving trusts this key, and any other key will be refused.
        </p>
      ) : null}
    </div>
  );
}
