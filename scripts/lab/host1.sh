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

# A libvirtd or virtlogd outside the lab namespaces would own /run/libvirt: stop it.
stop_foreign_daemons() {
  local pid ns
  for pid in $(pidof libvirtd virtlogd); do
    ns=$(ip netns identify "$pid" 2>/dev/null) || continue
    [[ $ns == "$LAB_NETNS" || $ns == "$LAB_NETNS2" ]] && continue
    warn "stopping $(readlink "/proc/$pid/exe") (pid $pid) outside the lab namespaces"
    kill_pids "$pid"
  done
}

host1_libvirtd_ok() {
  [[ -n $(netns_pids_of "$LAB_NETNS" /usr/sbin/libvirtd) ]] && virsh1 uri >/dev/null 2>&1
}

start_host1() {
  local restart=${1:-}
  stop_foreign_daemons
  if [[ -n $restart ]] && [[ -n $(netns_pids_of "$LAB_NETNS" /usr/sbin/libvirtd) ]]; then
    log "configuration changed: restarting host 1's libvirtd (guests keep running)"
    stop_in_netns "$LAB_NETNS" /usr/sbin/libvirtd
  fi
  if [[ -z $(netns_pids_of "$LAB_NETNS" /usr/sbin/virtlogd) ]]; then
    rm -f "$LAB_PIDS/virtlogd.pid" /run/libvirt/virtlogd-sock /run/libvirt/virtlogd-admin-sock
    ip netns exec "$LAB_NETNS" virtlogd -d -p "$LAB_PIDS/virtlogd.pid" 9>&-
  fi
  if host1_libvirtd_ok; then return 0; fi
  if [[ -n $(netns_pids_of "$LAB_NETNS" /usr/sbin/libvirtd) ]]; then
    warn "host 1's libvirtd does not answer: restarting it"
    stop_in_netns "$LAB_NETNS" /usr/sbin/libvirtd
  fi
  rm -f "$LAB_PIDS/libvirtd.pid" "$LAB_SOCKET" /run/libvirt/libvirt-sock-ro \
    /run/libvirt/libvirt-admin-sock
  log "starting libvirtd in $LAB_NETNS"
  ip netns exec "$LAB_NETNS" unshare --uts sh -c \
    "hostname $LAB_HOST1_NAME && exec libvirtd -d -p $LAB_PIDS/libvirtd.pid" 9>&-
  wait_for 300 virsh1 uri || die "host 1's libvirtd did not come up (see /var/log/libvirt/libvirtd.log)"
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
