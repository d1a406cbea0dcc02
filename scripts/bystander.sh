#!/usr/bin/env bash
# A libvirtd of the machine's own, as on a developer's or operator's KVM machine, that npm test
# must leave alone: started in the machine's own namespaces at /run/libvirt before the lab comes
# up (unless one runs there already, which is then the bystander), and checked after every suite:
# the same process still runs and still answers at /run/libvirt/libvirt-sock.
#
#   scripts/bystander.sh start    record (or start) the machine's libvirtd
#   scripts/bystander.sh check    fail unless that same libvirtd still runs and answers
#   scripts/bystander.sh stop     stop it if this script started it
set -euo pipefail

state=/run/virtdeck-bystander
# The namespaces npm test itself runs in: the machine's own (the lab's are made from them).
root_net=$(readlink /proc/self/ns/net)
root_mnt=$(readlink /proc/self/ns/mnt)

say() { printf '[bystander] %s\n' "$*" >&2; }

# A libvirtd in the machine's own network and mount namespaces, or nothing.
machine_libvirtd() {
  local pid
  for pid in $(pidof libvirtd); do
    [[ $(readlink "/proc/$pid/ns/net") == "$root_net" && $(readlink "/proc/$pid/ns/mnt") == "$root_mnt" ]] &&
      echo "$pid" && return 0
  done
  return 0
}

answers() { timeout 20 virsh -q -c qemu:///system uri >/dev/null 2>&1; }

case ${1:-} in
start)
  mkdir -p "$state"
  pid=$(machine_libvirtd)
  if [[ -n $pid ]]; then
    say "the machine's own libvirtd runs (pid $pid): it is the bystander"
    rm -f "$state/started"
  else
    libvirtd -d -p "$state/libvirtd.pid"
    for _ in $(seq 100); do answers && break; sleep 0.1; done
    pid=$(cat "$state/libvirtd.pid")
    touch "$state/started"
    say "started a libvirtd of the machine's own (pid $pid) at /run/libvirt"
  fi
  echo "$pid" >"$state/pid"
  answers || { say "it does not answer at qemu:///system"; exit 1; }
  ;;
check)
  pid=$(cat "$state/pid")
  [[ $(machine_libvirtd) == "$pid" ]] || { say "FAILED: libvirtd $pid of the machine no longer runs"; exit 1; }
  answers || { say "FAILED: libvirtd $pid no longer answers at qemu:///system"; exit 1; }
  say "libvirtd $pid of the machine still runs and answers at qemu:///system: untouched"
  ;;
stop)
  if [[ -f $state/started ]]; then
    pid=$(cat "$state/pid")
    kill "$pid" 2>/dev/null || true
    say "stopped the libvirtd it had started (pid $pid)"
  fi
  rm -rf "$state"
  ;;
*)
  sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0" >&2
  exit 2
  ;;
esac
