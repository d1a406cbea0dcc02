# shellcheck shell=bash
# Steps 3 and 5 of `up`: the namespaces, the lab's own libvirtd (host 1) with its NAT network
# and the demo guest.

# Create namespace $1 (loopback up), replacing a stale name that no longer works.
ensure_netns() {
  local ns=$1
  if [[ -e /run/netns/$ns ]] && ! ip netns exec "$ns" true 2>/dev/null; then
    warn "namespace $ns is stale, recreating it"
    ip netns delete "$ns" 2>/dev/null || rm -f "/run/netns/$ns"
  fi
  [[ -e /run/netns/$ns ]] || ip netns add "$ns"
  ip -n "$ns" link set lo up
  # Names resolved inside the lab; and no DNS server outside it.
  mkdir -p "/etc/netns/$ns"
  {
    grep -v 'virtdeck-lab' /etc/hosts || true
    echo "$LAB_HOST1_ADDR $LAB_HOST1_NAME # virtdeck-lab"
    echo "$LAB_HOST2_ADDR $LAB_HOST2_NAME # virtdeck-lab"
  } >"/etc/netns/$ns/hosts"
  printf '# virtdeck lab: no DNS outside the lab\nnameserver 127.0.0.1\n' >"/etc/netns/$ns/resolv.conf"
}

# Leftovers in the machine's own namespace with the lab's interface names.
remove_root_ns_links() {
  local l
  for l in "$LAB_BRIDGE" "$LAB_VETH1" "$LAB_VETH2"; do
    if ip link show "$l" >/dev/null 2>&1; then
      warn "removing leftover interface $l from the machine's namespace"
      ip link delete "$l" 2>/dev/null || true
    fi
  done
}

# Host 1's own state: run/ lib/ etc/ log/ under LAB_HOST1_DIR, mounted over libvirt's dirs in
# its mount namespace (as host 2's). Prints "changed" when libvirtd's configuration changed.
prepare_host1_dirs() {
  local f
  prepare_private_dirs "$LAB_HOST1_DIR"
  qemu_conf_block >"$LAB_HOST1_DIR/etc/qemu.conf.new"
  libvirtd_conf_block "$(host1_uuid)" >"$LAB_HOST1_DIR/etc/libvirtd.conf.new"
  for f in qemu.conf libvirtd.conf; do
    if cmp -s "$LAB_HOST1_DIR/etc/$f.new" "$LAB_HOST1_DIR/etc/$f"; then
      rm -f "$LAB_HOST1_DIR/etc/$f.new"
    else
      mv -f "$LAB_HOST1_DIR/etc/$f.new" "$LAB_HOST1_DIR/etc/$f"
      echo changed
    fi
  done
}

# Pid of the process holding host 1's mount namespace (in the lab's network namespace), or
# nothing. Works from inside that namespace too (tests restart host 1's libvirtd from there).
host1_anchor() {
  local pid
  pid=$(cat "$LAB_HOST1_ANCHOR" 2>/dev/null) || return 0
  [[ -d /proc/$pid ]] && [[ $(ip netns identify "$pid" 2>/dev/null) == "$LAB_NETNS" ]] &&
    [[ $(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) == "sleep infinity " ]] && echo "$pid"
  return 0
}

# Runs a command in host 1's namespaces (mount, UTS, network).
in_host1() { nsenter -t "$(host1_anchor)" -m -u -n "$@"; }

host1_libvirtd_ok() {
  [[ -n $(netns_pids_of "$LAB_NETNS" /usr/sbin/libvirtd) ]] && virsh1 uri >/dev/null 2>&1
}

# Daemons and guests in the lab's network namespace but outside host 1's mount namespace were
# started by an earlier lab (which used the machine's /run/libvirt): they are the lab's own.
stop_old_layout_daemons() {
  local pid anchor_mnt exe
  anchor_mnt=$(readlink "/proc/$(host1_anchor)/ns/mnt" 2>/dev/null || true)
  for exe in /usr/sbin/libvirtd /usr/sbin/virtlogd /usr/bin/qemu-system-x86_64 /usr/sbin/dnsmasq; do
    for pid in $(netns_pids_of "$LAB_NETNS" "$exe"); do
      [[ -n $anchor_mnt && $(readlink "/proc/$pid/ns/mnt") == "$anchor_mnt" ]] && continue
      warn "stopping $exe (pid $pid), started by an earlier lab layout in $LAB_NETNS"
      kill_pids "$pid"
    done
  done
}

# An earlier lab kept host 1's definitions in the machine's /etc/libvirt: take out exactly its
# own (the demo guest by its UUID, the NAT network by its bridge), so that a libvirtd of the
# machine's own never finds and starts them.
forget_old_layout_definitions() {
  # Inside host 1's mount namespace /etc/libvirt is host 1's own: nothing of the machine's to clean.
  [[ /etc/libvirt -ef $LAB_HOST1_DIR/etc ]] && return 0
  local f=/etc/libvirt/qemu/$LAB_GUEST_NAME.xml
  if [[ -f $f ]] && grep -q "$LAB_GUEST_UUID" "$f"; then
    rm -f "$f" "/etc/libvirt/qemu/autostart/$LAB_GUEST_NAME.xml"
    log "removed $f (an earlier lab's)"
  fi
  f=/etc/libvirt/qemu/networks/$LAB_NETWORK.xml
  if [[ -f $f ]] && grep -q "name='$LAB_BRIDGE'" "$f"; then
    rm -f "$f" "/etc/libvirt/qemu/networks/autostart/$LAB_NETWORK.xml"
    log "removed $f (an earlier lab's)"
  fi
  return 0
}

start_host1() {
  local restart=${1:-}
  restart+=$(prepare_host1_dirs)
  if [[ -z $(host1_anchor) ]]; then
    stop_old_layout_daemons
    forget_old_layout_definitions
    rm -f "$LAB_HOST1_DIR"/*.pid "$LAB_HOST1_DIR"/run/*-sock*
    log "creating host 1's mount namespace in $LAB_NETNS"
    # The anchor: a process that only holds the namespace, so daemons can restart inside it.
    start_private_libvirt_namespace "$LAB_NETNS" "$LAB_HOST1_DIR" "$LAB_HOST1_NAME" \
      "setsid sleep infinity </dev/null >/dev/null 2>&1 & echo \$! >'$LAB_HOST1_ANCHOR'"
  fi
  if [[ -n $restart ]] && [[ -n $(netns_pids_of "$LAB_NETNS" /usr/sbin/libvirtd) ]]; then
    log "configuration changed: restarting host 1's libvirtd (guests keep running)"
    stop_in_netns "$LAB_NETNS" /usr/sbin/libvirtd
  fi
  if [[ -z $(netns_pids_of "$LAB_NETNS" /usr/sbin/virtlogd) ]]; then
    rm -f "$LAB_HOST1_DIR/virtlogd.pid" "$LAB_HOST1_DIR"/run/virtlogd-*sock
    in_host1 virtlogd -d -p "$LAB_HOST1_DIR/virtlogd.pid" 9>&-
  fi
  if host1_libvirtd_ok; then return 0; fi
  if [[ -n $(netns_pids_of "$LAB_NETNS" /usr/sbin/libvirtd) ]]; then
    warn "host 1's libvirtd does not answer: restarting it"
    stop_in_netns "$LAB_NETNS" /usr/sbin/libvirtd
  fi
  rm -f "$LAB_HOST1_DIR/libvirtd.pid" "$LAB_HOST1_SOCKET" "$LAB_HOST1_DIR"/run/libvirt-*sock
  log "starting host 1's libvirtd in $LAB_NETNS"
  in_host1 libvirtd -d -p "$LAB_HOST1_DIR/libvirtd.pid" 9>&-
  wait_for 300 virsh1 uri || die "host 1's libvirtd did not come up (see $LAB_HOST1_DIR/log/libvirtd.log)"
}

network_xml() {
  cat <<EOF
<network>
  <name>$LAB_NETWORK</name>
  <forward mode='nat'/>
  <bridge name='$LAB_BRIDGE' stp='off' delay='0'/>
  <ip address='$LAB_NET_GATEWAY' netmask='$LAB_NET_NETMASK'>
    <dhcp>
      <range start='$LAB_NET_DHCP_START' end='$LAB_NET_DHCP_END'>
        <lease expiry='$LAB_NET_LEASE_MINUTES' unit='minutes'/>
      </range>
    </dhcp>
  </ip>
</network>
EOF
}

# Define (or correct) and start the lab network on one host. $1 = virsh1|virsh2, $2 = netns.
ensure_network() {
  local v=$1 ns=$2 xml
  # A transient one (its definition lost) is started again from a definition.
  if [[ $($v net-info "$LAB_NETWORK" 2>/dev/null | awk '$1 == "Persistent:" { print $2 }') == no ]]; then
    warn "network $LAB_NETWORK has no definition: redefining it"
    $v net-destroy "$LAB_NETWORK" >/dev/null
  fi
  xml=$($v net-dumpxml --inactive "$LAB_NETWORK" 2>/dev/null || true)
  if [[ -n $xml && ($xml != *"name='$LAB_BRIDGE'"* || $xml != *"'$LAB_NET_GATEWAY'"* ||
    $xml != *"netmask='$LAB_NET_NETMASK'"* || $xml != *"end='$LAB_NET_DHCP_END'"* ||
    $xml != *"expiry='$LAB_NET_LEASE_MINUTES'"*) ]]; then
    warn "network $LAB_NETWORK has an old definition: replacing it"
    $v net-destroy "$LAB_NETWORK" >/dev/null 2>&1 || true
    $v net-undefine "$LAB_NETWORK" >/dev/null
    xml=
  fi
  [[ -n $xml ]] || $v net-define <(network_xml) >/dev/null
  $v net-autostart "$LAB_NETWORK" >/dev/null
  if [[ $($v net-info "$LAB_NETWORK" | awk '$1 == "Active:" { print $2 }') != yes ]]; then
    # A bridge left behind by a crashed daemon blocks the start.
    ip -n "$ns" link delete "$LAB_BRIDGE" 2>/dev/null || true
    $v net-start "$LAB_NETWORK" >/dev/null
  fi
}

# The demo guest: (re)defined when its XML changed, started unless running.
ensure_demo_guest() {
  local want_hash have_hash state
  # A new network definition also restarts it: its NIC was on the old bridge.
  want_hash=$( (demo_guest_xml && network_xml && cat "$LAB_CACHE/guest/stamp") |
    sha256sum | cut -c1-16)
  have_hash=$({ virsh1 metadata "$LAB_GUEST_NAME" https://virtdeck.dev/lab 2>/dev/null || true; } |
    sed -n "s/.*hash=['\"]\([0-9a-f]*\)['\"].*/\1/p")
  if [[ $have_hash != "$want_hash" ]]; then
    if virsh1 dominfo "$LAB_GUEST_NAME" >/dev/null 2>&1; then
      log "guest $LAB_GUEST_NAME: definition or image changed, redefining and restarting it"
      virsh1 destroy "$LAB_GUEST_NAME" >/dev/null 2>&1 || true
      virsh1 undefine --nvram "$LAB_GUEST_NAME" >/dev/null 2>&1 ||
        virsh1 undefine "$LAB_GUEST_NAME" >/dev/null
    fi
    virsh1 define <(demo_guest_xml) >/dev/null
    virsh1 metadata "$LAB_GUEST_NAME" https://virtdeck.dev/lab --key vdlab --config \
      --set "<lab hash='$want_hash'/>" >/dev/null
  fi
  # Left on host 2 by a migration: the lab's state is "running on host 1".
  if virsh2 dominfo "$LAB_GUEST_NAME" >/dev/null 2>&1; then
    warn "guest $LAB_GUEST_NAME is on host 2 too: removing it there"
    virsh2 destroy "$LAB_GUEST_NAME" >/dev/null 2>&1 || true
    virsh2 undefine "$LAB_GUEST_NAME" >/dev/null 2>&1 || true
  fi
  state=$(virsh1 domstate "$LAB_GUEST_NAME")
  case $state in
  running) ;;
  paused) virsh1 resume "$LAB_GUEST_NAME" >/dev/null ;;
  *)
    [[ $state == "shut off" ]] || virsh1 destroy "$LAB_GUEST_NAME" >/dev/null 2>&1 || true
    virsh1 start "$LAB_GUEST_NAME" >/dev/null
    ;;
  esac
}

demo_guest_xml() { guest_xml "$LAB_GUEST_NAME" "$LAB_NETWORK" "$LAB_GUEST_UUID" "$LAB_GUEST_MAC"; }
