import { ConsoleLinks } from "@/components/consoles/console-links";
import { Card } from "@/components/ui/card";
import type { VmSummary } from "@/lib/inventory/summaries";

const TH = "pb-1 pr-3 font-medium";

export function VmDevices({ vm }: { vm: VmSummary }) {
  return (
    <Card title="Disks, network and consoles">
      <div className="flex flex-col gap-5 text-sm">
        <section>
          <h3 className="mb-1 text-xs font-semibold uppercase text-zinc-500">Disks</h3>
          {vm.disks.length === 0 ? (
            <p className="text-zinc-500">None</p>
          ) : (
            <table className="w-full" aria-label="Disks">
              <thead className="text-left text-xs text-zinc-500">
                <tr>
                  <th className={TH}>Target</th>
                  <th className={TH}>Device</th>
                  <th className={TH}>Bus</th>
                  <th className={TH}>Format</th>
                  <th className={TH}>Source</th>
                </tr>
              </thead>
              <tbody>
                {vm.disks.map((d) => (
                  <tr key={d.target}>
                    <td className="pr-3 font-mono">{d.target}</td>
                    <td className="pr-3">{d.device}</td>
                    <td className="pr-3">{d.bus ?? "—"}</td>
                    <td className="pr-3">{d.format ?? "—"}</td>
                    <td className="break-all font-mono text-xs">{d.source ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section>
          <h3 className="mb-1 text-xs font-semibold uppercase text-zinc-500">Network interfaces</h3>
          {vm.nics.length === 0 ? (
            <p className="text-zinc-500">None</p>
          ) : (
            <table className="w-full" aria-label="Network interfaces">
              <thead className="text-left text-xs text-zinc-500">
                <tr>
                  <th className={TH}>MAC</th>
                  <th className={TH}>On</th>
                  <th className={TH}>Model</th>
                  <th className={TH}>IP addresses</th>
                </tr>
              </thead>
              <tbody>
                {vm.nics.map((n) => (
                  <tr key={n.mac} data-testid="vm-nic">
                    <td className="pr-3 font-mono text-xs">{n.mac}</td>
                    <td className="pr-3">{n.source ? `${n.type} ${n.source}` : n.type}</td>
                    <td className="pr-3">{n.model ?? "—"}</td>
                    <td className="font-mono text-xs">
                      {n.ips.join(", ") || (vm.state === "shut off" ? "—" : "waiting for a lease…")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section>
          <h3 className="mb-1 text-xs font-semibold uppercase text-zinc-500">
            Graphics and consoles
          </h3>
          {vm.graphics.length === 0 ? (
            <p className="text-zinc-500">No graphical console</p>
          ) : (
            <ul>
              {vm.graphics.map((g) => (
                <li key={`${g.type}-${g.port}`}>
                  {g.type.toUpperCase()}{" "}
                  {g.port
                    ? `on ${g.listen ?? "*"}:${g.port}`
                    : vm.state === "shut off"
                      ? "(port assigned at start)"
                      : ""}
                </li>
              ))}
            </ul>
          )}
          <ConsoleLinks vm={vm} />
        </section>
      </div>
    </Card>
  );
}
