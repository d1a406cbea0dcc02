# shellcheck shell=bash
# `down`, `status`, and clean-up of processes a half-removed lab left behind.

# Lab processes stranded in a network namespace whose name was deleted (neither the machine's
# own namespace nor a current lab one): only those whose command line names the lab's state,
# cache or network, so a libvirtd (or guest) of someone else's in another namespace is never
# touched; others are only reported.
kill_orphans() {
  local root in1 in2 pid ns cmd found=() foreign=()
  root=$(stat -L -c %i /proc/self/ns/net) # the namespace `up`/`down` run in
  in1=$(netns_inode "$LAB_NETNS")
  in2=$(netns_inode "$LAB_NETNS2")
  for pid in $(pidof libvirtd virtlogd qemu-system-x86_64 dnsmasq sshd); do
    ns=$(stat -L -c %i "/proc/$pid/ns/net" 2>/dev/null) || continue
    [[ $ns != "$in1" && $ns != "$in2" ]] || continue
    cmd=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || continue
    if [[ $cmd == *"$LAB_STATE/"* || $cmd == *"$LAB_CACHE/"* || $cmd == *"$LAB_NETWORK"* ]]; then
      found+=("$pid")
    elif [[ $ns != "$root" ]]; then
      foreign+=("$pid")
    fi
  done
  ((${#foreign[@]} == 0)) ||
    log "leaving alone libvirt processes in other namespaces (not the lab's): ${foreign[*]}"
  ((${#found[@]})) || return 0
  warn "stopping stranded lab processes: ${found[*]}"
  kill_pids "${found[@]}"
}

# Destroy guests and networks through libvirt while it still answers ($1 = virsh1|virsh2).
stop_libvirt_objects() {
  local v=$1 d
  $v uri >/dev/null 2>&1 || return 0
  while read -r d; do
    [[ -n $d ]] && { $v destroy "$d" >/dev/null 2>&1 || true; }
  done < <($v list --name 2>/dev/null)
  $v net-destroy "$LAB_NETWORK" >/dev/null 2>&1 || true
}

lab_down() {
  require_root
  local ns
  [[ $(stat -L -c %i /proc/self/ns/net) != "$(netns_inode "$LAB_NETNS")" ]] ||
    die "run down from the machine's own namespace, not from inside the lab"
  log "stopping the lab"
  [[ -S $LAB_HOST2_SOCKET ]] && stop_libvirt_objects virsh2
  if [[ -n $(netns_pids_of "$LAB_NETNS" /usr/sbin/libvirtd) ]]; then stop_libvirt_objects virsh1; fi
  stop_in_netns "$LAB_NETNS2"
  stop_in_netns "$LAB_NETNS"
  kill_orphans
  for ns in "$LAB_NETNS2" "$LAB_NETNS"; do
    if [[ -e /run/netns/$ns ]]; then ip netns delete "$ns" 2>/dev/null || rm -f "/run/netns/$ns"; fi
    rm -rf "/etc/netns/$ns"
  done
  remove_root_ns_links
  rm -f "$LAB_SSH_CONFIG"
  # Nothing should be mounted under the state dir in this namespace; make sure before rm -rf.
  awk -v d="$LAB_STATE" 'index($5, d) == 1 { print $5 }' /proc/self/mountinfo | sort -r |
    while read -r m; do umount -l "$m" || true; done
  rm -rf --one-file-system "$LAB_STATE"
  log "lab is down (guest cache kept in $LAB_CACHE)"
}

lab_status() {
  local ns ok=1 pid
  for ns in "$LAB_NETNS" "$LAB_NETNS2"; do
    if [[ -e /run/netns/$ns ]]; then
      echo "namespace $ns:"
      for pid in $(netns_pids "$ns"); do
        printf '  %-7s %s\n' "$pid" "$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | cut -c1-110)"
      done
      ip -n "$ns" -brief addr | sed 's/^/  /'
    else
      echo "namespace $ns: absent"
      ok=0
    fi
  done
  if host1_libvirtd_ok; then
    echo "host 1 ($LAB_URI):"
    virsh1 list --all | sed 's/^/  /'
    virsh1 net-list --all | sed 's/^/  /'
  else
    echo "host 1: libvirtd not answering"
    ok=0
  fi
  if virsh2 uri >/dev/null 2>&1; then
    echo "host 2 (qemu+unix:///system?socket=$LAB_HOST2_SOCKET):"
    virsh2 list --all | sed 's/^/  /'
    virsh2 net-list --all | sed 's/^/  /'
  else
    echo "host 2: libvirtd not answering"
    ok=0
  fi
  if [[ -f $LAB_ENV_FILE ]]; then echo "env: $LAB_ENV_FILE"; else echo "env: none" && ok=0; fi
  if ((ok)); then
    echo "lab: up"
  else
    echo "lab: not (fully) up"
    return 3
  fi
}
