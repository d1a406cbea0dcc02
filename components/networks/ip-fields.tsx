"use client";
import { Field } from "@/components/ui/field";

export interface IpValues {
  bridge: string;
  subnet: string;
  gateway: string;
  dhcp: boolean;
  dhcpStart: string;
  dhcpEnd: string;
  ipv6: string;
  domain: string;
}

/** Bridge, subnet, gateway, DHCP and the optional IPv6 and DNS domain of a NAT/private network. */
export function IpFields({
  values,
  onChange,
}: {
  values: IpValues;
  onChange: (next: Partial<IpValues>) => void;
}) {
  const text = (name: keyof IpValues, label: string, hint?: string) => (
    <Field
      label={label}
      name={name}
      hint={hint}
      value={String(values[name])}
      onChange={(e) => onChange({ [name]: e.target.value })}
    />
  );
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      {text("bridge", "Bridge name", "The Linux bridge libvirt creates (proposed: a free one)")}
      {text("subnet", "IPv4 subnet (CIDR)", "Proposed: a subnet no other network here uses")}
      {text("gateway", "Gateway", "The host's address on the network")}
      <label className="flex items-center gap-2 self-end text-sm">
        <input
          type="checkbox"
          name="dhcp"
          checked={values.dhcp}
          onChange={(e) => onChange({ dhcp: e.target.checked })}
        />
        DHCP: the host hands out addresses
      </label>
      {values.dhcp ? (
        <>
          {text("dhcpStart", "DHCP range start")}
          {text("dhcpEnd", "DHCP range end")}
        </>
      ) : null}
      {text("ipv6", "IPv6 (optional)", "Host address with prefix, like fd00:60:1::1/64")}
      {text("domain", "DNS domain (optional)", "VMs are then known as name.domain on it")}
    </div>
  );
}
