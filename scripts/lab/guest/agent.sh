#!/bin/sh
# A minimal QEMU guest agent for the lab's tiny guest (busybox has no qemu-ga): enough of the
# protocol for libvirt's agent address source (`virsh domifaddr --source agent`). libvirt sends
# one JSON command per line on the virtio-serial port org.qemu.guest_agent.0; each gets one
# JSON line back. Unknown commands get the error qemu-ga gives for them.

# The port appears once virtio_console has talked to the host; a VM without the channel has none.
port=
for _ in 1 2 3 4 5 6 7 8 9 10; do
  for p in /sys/class/virtio-ports/*; do
    [ "$(cat "$p/name" 2>/dev/null)" = org.qemu.guest_agent.0 ] && port=/dev/${p##*/}
  done
  [ -n "$port" ] && [ -c "$port" ] && break
  port=
  sleep 1
done
[ -n "$port" ] || exit 0

# [{"name":…,"hardware-address":…,"ip-addresses":[{"ip-address-type":…,"ip-address":…,"prefix":…}]}]
interfaces() {
  out= sep=
  for dev in /sys/class/net/*; do
    name=${dev##*/}
    addrs= asep=
    for a in $(ip -o addr show dev "$name" | awk '$3 == "inet" || $3 == "inet6" { print $3 "," $4 }'); do
      family=ipv4
      [ "${a%%,*}" = inet6 ] && family=ipv6
      cidr=${a#*,}
      addrs="$addrs$asep{\"ip-address-type\":\"$family\",\"ip-address\":\"${cidr%/*}\",\"prefix\":${cidr#*/}}"
      asep=,
    done
    out="$out$sep{\"name\":\"$name\",\"hardware-address\":\"$(cat "$dev/address")\",\"ip-addresses\":[$addrs]}"
    sep=,
  done
  echo "[$out]"
}

# The port is opened once and kept open, as qemu-ga does: the guest opening it is what makes
# libvirt connect to the agent, and closing it disconnects libvirt again. Until libvirt is
# connected a read finds end of file: wait and read again. (virtio_console allows one open.)
exec 3<>"$port"
while true; do
  if ! read -r line <&3; then
    sleep 1
    continue
  fi
  case $line in
  *'"guest-sync"'*)
    echo "{\"return\": $(echo "$line" | sed -n 's/.*"id": *\([0-9]*\).*/\1/p')}" >&3
    ;;
  *'"guest-ping"'*) echo '{"return": {}}' >&3 ;;
  *'"guest-network-get-interfaces"'*) echo "{\"return\": $(interfaces)}" >&3 ;;
  *) echo '{"error": {"class": "CommandNotFound", "desc": "not supported by the lab agent"}}' >&3 ;;
  esac
done
