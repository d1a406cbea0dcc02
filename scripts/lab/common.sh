# shellcheck shell=bash disable=SC2034
# Shared names, paths and small helpers for scripts/lab.sh (sourced, not run).
#
# Everything the lab creates is named here so that `down` and the leftover checks of `up`
# know exactly what belongs to the lab and touch nothing else.

LAB_NETNS=virtdeck-lab
LAB_NETNS2=virtdeck-lab2
LAB_STATE=/run/virtdeck-lab
LAB_CACHE=${VIRTDECK_LAB_CACHE:-/var/cache/virtdeck-lab}
# Host 1 as the lab sees it: its own mount namespace, where its private state dirs are mounted
# over libvirt's, so qemu:///system inside the lab (scripts/lab.sh exec, npm test) is host 1,
# and a libvirtd of the machine's own at /run/libvirt is never touched.
LAB_URI=qemu:///system
LAB_SOCKET=/run/libvirt/libvirt-sock # inside the lab

LAB_NETWORK=vd-lab-nat
LAB_BRIDGE=vdlab0
# The NAT network, the same on both hosts (each in its own netns). A /16 with short leases:
# tests boot many guests with fresh MACs, and a /24 pool ran out within the hour.
LAB_NET_CIDR=10.177.0.0/16
LAB_NET_GATEWAY=10.177.0.1
LAB_NET_NETMASK=255.255.0.0
LAB_NET_DHCP_START=10.177.0.100
LAB_NET_DHCP_END=10.177.255.254
LAB_NET_LEASE_MINUTES=10

LAB_GUEST_NAME=vd-tiny
LAB_GUEST_UUID=5f1d7a3e-8c2b-4d61-9e0a-7d1ab0c0ffee
LAB_GUEST_MAC=52:54:00:7d:1a:01
LAB_GUEST_KERNEL=$LAB_CACHE/guest/vmlinuz
LAB_GUEST_INITRD=$LAB_CACHE/guest/initrd.img
LAB_GUEST_ISO=$LAB_CACHE/guest/tiny.iso # the same guest on a bootable CD (ISO installs)
LAB_GUEST_LOG_DIR=/var/log/libvirt/qemu # exists on both hosts (host 2 has a private copy)

LAB_HOST1_NAME=virtdeck-lab1 # hostname (own UTS namespace) of the libvirtd in LAB_NETNS
LAB_HOST2_NAME=virtdeck-lab2
LAB_HOST1_ADDR=10.250.0.1
LAB_HOST2_ADDR=10.250.0.2
LAB_VETH1=vdlab-h1 # lives in LAB_NETNS
LAB_VETH2=vdlab-h2 # lives in LAB_NETNS2

LAB_PIDS=$LAB_STATE/pids
LAB_SSH_DIR=$LAB_STATE/ssh
LAB_SSH_KEY=$LAB_SSH_DIR/id_ed25519
LAB_KNOWN_HOSTS=$LAB_SSH_DIR/known_hosts
LAB_SSH_CONFIG=/etc/ssh/ssh_config.d/virtdeck-lab.conf
LAB_HOST1_DIR=$LAB_STATE/host1 # run/ lib/ etc/ log/ are bind-mounted over libvirt's dirs
LAB_HOST1_SOCKET=$LAB_HOST1_DIR/run/libvirt-sock # the same socket, from anywhere
LAB_HOST1_ANCHOR=$LAB_PIDS/host1-namespace.pid # a process that holds host 1's mount namespace
LAB_HOST2_DIR=$LAB_STATE/host2 # run/ lib/ etc/ log/ are bind-mounted over libvirt's dirs
LAB_HOST2_SOCKET=$LAB_HOST2_DIR/run/libvirt-sock
LAB_ENV_FILE=$LAB_STATE/env

LAB_SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

log() { printf '[lab] %s\n' "$*" >&2; }
warn() { printf '[lab] WARNING: %s\n' "$*" >&2; }
die() {
  printf '[lab] ERROR: %s\n' "$*" >&2
  exit 1
}

require_root() { [[ $(id -u) == 0 ]] || die "run as root"; }

# virsh against host 1 / host 2 (through their sockets; works from any namespace).
virsh1() { timeout 30 virsh -q -c "qemu+unix:///system?socket=$LAB_HOST1_SOCKET" "$@"; }
virsh2() { timeout 30 virsh -q -c "qemu+unix:///system?socket=$LAB_HOST2_SOCKET" "$@"; }

# Inode of a network namespace file, or empty.
netns_inode() { stat -L -c %i "/run/netns/$1" 2>/dev/null || true; }

# Pids whose network namespace is the named one (none when the name is stale).
netns_pids() { ip netns pids "$1" 2>/dev/null || true; }

# Pids (in namespace $1) whose executable is $2 (a full path).
netns_pids_of() {
  local pid
  for pid in $(netns_pids "$1"); do
    [[ $(readlink "/proc/$pid/exe" 2>/dev/null) == "$2" ]] && echo "$pid"
  done
  return 0
}

# Stops the processes in namespace $1 (only those running executable $2, if given).
stop_in_netns() {
  local pids
  if [[ -n ${2:-} ]]; then
    mapfile -t pids < <(netns_pids_of "$1" "$2")
  else
    mapfile -t pids < <(netns_pids "$1")
  fi
  ((${#pids[@]})) || return 0
  log "stopping in $1: ${pids[*]}"
  kill_pids "${pids[@]}"
}

# Send TERM to the given pids, wait up to $KILL_WAIT s, then KILL what is left.
kill_pids() {
  local pids=("$@") alive i
  ((${#pids[@]})) || return 0
  kill -TERM "${pids[@]}" 2>/dev/null || true
  for ((i = 0; i < ${KILL_WAIT:-50}; i++)); do
    alive=()
    for p in "${pids[@]}"; do [[ -d /proc/$p ]] && alive+=("$p"); done
    ((${#alive[@]})) || return 0
    sleep 0.1
  done
  kill -KILL "${alive[@]}" 2>/dev/null || true
  sleep 0.2
}

# Poll a command until it succeeds; $1 = attempts of 0.1 s.
wait_for() {
  local n=$1 i
  shift
  for ((i = 0; i < n; i++)); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  return 1
}

# A host's own state dirs under $1 (run, lib, etc, log), with the machine's client settings
# (libvirt.conf, libvirt-admin.conf) copied in. (Inside host 1's namespace /etc/libvirt is $1/etc.)
prepare_private_dirs() {
  local dir=$1 d f
  for d in run lib etc log/qemu; do mkdir -p "$dir/$d"; done
  for f in libvirt.conf libvirt-admin.conf; do
    if [[ -f /etc/libvirt/$f && ! /etc/libvirt/$f -ef $dir/etc/$f ]]; then
      cp "/etc/libvirt/$f" "$dir/etc/$f"
    fi
  done
}

# Starts a host's own mount and UTS namespace inside network namespace $1: the state dirs under
# $2 (run, lib, etc, log) mounted over libvirt's, hostname $3, then the shell commands $4 (with
# $dir set to $2). Hosts 1 and 2 both start this way, so neither touches the machine's libvirt.
start_private_libvirt_namespace() {
  ip netns exec "$1" unshare --mount --uts --propagation private bash -c '
set -eu
dir=$1
mount --make-rprivate /
mount --bind "$dir/run" /run/libvirt
mount --bind "$dir/lib" /var/lib/libvirt
mount --bind "$dir/etc" /etc/libvirt
mount --bind "$dir/log" /var/log/libvirt
hostname "$2"
eval "$3"' _ "$2" "$3" "$4" 9>&-
}

# Takes out a block an earlier lab wrote between markers, and un-comments the lines it had
# commented out ("# (virtdeck-lab) key = …"), leaving the file as it was before.
remove_managed_block() {
  local file=$1
  [[ -f $file ]] && grep -q -e '^# >>> virtdeck-lab >>>$' -e '^# (virtdeck-lab) ' "$file" || return 0
  log "restoring $file (an earlier lab had changed it)"
  sed -i -e '/^# >>> virtdeck-lab >>>$/,/^# <<< virtdeck-lab <<<$/d' -e 's/^# (virtdeck-lab) //' "$file"
}
