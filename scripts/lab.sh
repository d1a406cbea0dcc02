#!/usr/bin/env bash
# Virtdeck's real KVM test lab: two libvirt hosts with tiny guests, isolated in network
# namespaces on this machine. Run as root. See /work/shared/TEST-HOST.md for the facts behind it.
#
#   scripts/lab.sh up                      set up / repair everything (idempotent; quick if up)
#   scripts/lab.sh down                    tear it all down (keeps the guest image cache)
#   scripts/lab.sh status                  what is running
#   scripts/lab.sh exec CMD...             run CMD inside the lab (host 1's network and mount
#                                          namespaces: qemu:///system is host 1; env passed through)
#   scripts/lab.sh guest-xml NAME [NET]    domain XML for another tiny guest
#   scripts/lab.sh libvirtd stop|start     stop or start host 1's libvirtd (tests of a host going
#                                          away; its guests keep running)
#
# `up` writes /run/virtdeck-lab/env (KEY=VALUE) and env.json. Host 1 is the libvirtd in
# namespace virtdeck-lab with its own state under /run/virtdeck-lab/host1, mounted over
# libvirt's dirs in its own mount namespace: inside the lab qemu:///system is host 1, from
# anywhere else LAB_HOST1_URI (?socket=) is. Host 2 is in virtdeck-lab2, reached at 10.250.0.2
# from inside the lab over SSH, TCP (16509, no auth) and TLS (16514, the lab's own CA in
# /run/virtdeck-lab/pki). No libvirtd or configuration of the machine's own is touched.
# Env: VIRTDECK_LAB_CACHE (default /var/cache/virtdeck-lab).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
for part in common prepare guest host1 pki host2 env down; do
  # shellcheck source=/dev/null
  source "$here/lab/$part.sh"
done

# One `up` or `down` at a time (several test runs may start the lab at once). Daemons are
# started with fd 9 closed so that they do not keep holding the lock.
lab_lock() {
  mkdir -p /run/lock
  exec 9>/run/lock/virtdeck-lab.lock
  flock -w 900 9 || die "another scripts/lab.sh up/down holds /run/lock/virtdeck-lab.lock"
}

lab_up() {
  require_root
  lab_lock
  local t0=$SECONDS
  install_packages
  prepare_libvirt
  build_guest
  remove_root_ns_links
  ensure_netns "$LAB_NETNS"
  ensure_netns "$LAB_NETNS2"
  kill_orphans
  start_host1
  ensure_network virsh1 "$LAB_NETNS"
  ensure_veth
  start_host2
  ensure_network virsh2 "$LAB_NETNS2"
  ensure_demo_guest
  check_host2_ssh
  write_lab_env
  cat "$LAB_ENV_FILE"
  log "lab is up ($((SECONDS - t0)) s)"
}

lab_exec() {
  require_root
  (($#)) || die "usage: scripts/lab.sh exec CMD..."
  [[ -n $(host1_anchor) ]] || die "the lab is not up (scripts/lab.sh up)"
  # Host 1's mount namespace (its libvirt dirs) and the lab's network; this machine's hostname.
  exec nsenter -t "$(host1_anchor)" -m -n --wd="$PWD" "$@"
}

usage() {
  sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}" >&2
  exit 2
}

case ${1:-} in
up) lab_up ;;
down)
  require_root
  lab_lock
  lab_down
  ;;
status) lab_status ;;
exec)
  shift
  lab_exec "$@"
  ;;
guest-xml)
  shift
  guest_xml "$@"
  ;;
libvirtd)
  require_root
  case ${2:-} in
  stop) stop_in_netns "$LAB_NETNS" /usr/sbin/libvirtd ;;
  start)
    lab_lock
    start_host1
    ;;
  *) usage ;;
  esac
  ;;
*) usage ;;
esac
