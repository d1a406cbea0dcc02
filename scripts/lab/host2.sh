# shellcheck shell=bash
# Step 6 of `up`: host 2, a second libvirtd reached over SSH, TCP and TLS. It runs in LAB_NETNS2 (joined to
# LAB_NETNS by a veth pair) and in a private mount namespace in which its own state dirs are
# bind-mounted over /run/libvirt, /var/lib/libvirt, /etc/libvirt and /var/log/libvirt, so the
# two root daemons do not collide. sshd runs in that same mount namespace.

ensure_veth() {
  if ! ip -n "$LAB_NETNS" link show "$LAB_VETH1" >/dev/null 2>&1 ||
    ! ip -n "$LAB_NETNS2" link show "$LAB_VETH2" >/dev/null 2>&1; then
    ip -n "$LAB_NETNS" link delete "$LAB_VETH1" 2>/dev/null || true
    ip -n "$LAB_NETNS2" link delete "$LAB_VETH2" 2>/dev/null || true
    ip link add "$LAB_VETH1" netns "$LAB_NETNS" type veth peer name "$LAB_VETH2" netns "$LAB_NETNS2"
  fi
  ip -n "$LAB_NETNS" addr replace "$LAB_HOST1_ADDR/24" dev "$LAB_VETH1"
  ip -n "$LAB_NETNS2" addr replace "$LAB_HOST2_ADDR/24" dev "$LAB_VETH2"
  ip -n "$LAB_NETNS" link set "$LAB_VETH1" up
  ip -n "$LAB_NETNS2" link set "$LAB_VETH2" up
}

# Keys (kept while the state dir lives), authorized_keys, known_hosts, sshd and ssh config.
# Prints "changed" when sshd's config changed (a running sshd must be restarted).
prepare_ssh() {
  mkdir -p "$LAB_SSH_DIR" "$LAB_HOST2_DIR"
  chmod 0700 "$LAB_SSH_DIR"
  [[ -s $LAB_SSH_KEY ]] || ssh-keygen -q -t ed25519 -N '' -C virtdeck-lab -f "$LAB_SSH_KEY" <<<y >/dev/null
  local hostkey=$LAB_HOST2_DIR/ssh_host_ed25519_key
  [[ -s $hostkey ]] || ssh-keygen -q -t ed25519 -N '' -C "$LAB_HOST2_NAME" -f "$hostkey" <<<y >/dev/null
  chmod 0600 "$LAB_SSH_KEY" "$hostkey"
  install -m 0600 "$LAB_SSH_KEY.pub" "$LAB_SSH_DIR/authorized_keys"
  echo "$LAB_HOST2_ADDR,$LAB_HOST2_NAME $(cut -d' ' -f1-2 "$hostkey.pub")" >"$LAB_KNOWN_HOSTS"
  chmod 0600 "$LAB_KNOWN_HOSTS"
  cat >"$LAB_HOST2_DIR/sshd_config.new" <<EOF
# sshd of the lab's host 2 (written by scripts/lab.sh)
# The veth address, and loopback like an ordinary host (a target for SSH-tunnel tests; guests'
# VNC ports on host 2 are on its 127.0.0.1 too).
ListenAddress $LAB_HOST2_ADDR
ListenAddress 127.0.0.1
Port 22
HostKey $hostkey
PidFile $LAB_HOST2_DIR/sshd.pid
AuthorizedKeysFile $LAB_SSH_DIR/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
PrintMotd no
Subsystem sftp internal-sftp
EOF
  if cmp -s "$LAB_HOST2_DIR/sshd_config.new" "$LAB_HOST2_DIR/sshd_config"; then
    rm -f "$LAB_HOST2_DIR/sshd_config.new"
  else
    mv -f "$LAB_HOST2_DIR/sshd_config.new" "$LAB_HOST2_DIR/sshd_config"
    echo changed
  fi
  # So that `ssh`, which libvirt's qemu+ssh runs, checks host 2's key against the lab's file.
  cat >"$LAB_SSH_CONFIG" <<EOF
# The virtdeck lab's host 2 (written by scripts/lab.sh up, removed by down).
Host $LAB_HOST2_ADDR $LAB_HOST2_NAME
  User root
  IdentityFile $LAB_SSH_KEY
  IdentitiesOnly yes
  UserKnownHostsFile $LAB_KNOWN_HOSTS
  StrictHostKeyChecking yes
  BatchMode yes
EOF
}

prepare_host2_dirs() {
  prepare_private_dirs "$LAB_HOST2_DIR"
  qemu_conf_block >"$LAB_HOST2_DIR/etc/qemu.conf"
  write_host2_libvirtd_conf >/dev/null
}

# Host 2 also listens on its veth address only: TCP without auth (the lab namespaces are the
# only way in) and TLS with the lab's certificates (scripts/lab/pki.sh). libvirtd runs with -l.
host2_libvirtd_conf() {
  libvirtd_conf_block "$(host2_uuid)"
  cat <<EOF
listen_tcp = 1
listen_tls = 1
listen_addr = "$LAB_HOST2_ADDR"
tcp_port = "16509"
tls_port = "16514"
auth_tcp = "none"
auth_tls = "none"
ca_file = "$LAB_PKI/server/cacert.pem"
cert_file = "$LAB_PKI/server/servercert.pem"
key_file = "$LAB_PKI/server/serverkey.pem"
EOF
}

# Writes host 2's libvirtd.conf; prints "changed" if it differs from what was there.
write_host2_libvirtd_conf() {
  local f=$LAB_HOST2_DIR/etc/libvirtd.conf
  mkdir -p "$LAB_HOST2_DIR/etc"
  host2_libvirtd_conf >"$f.new"
  if cmp -s "$f.new" "$f"; then
    rm -f "$f.new"
  else
    mv -f "$f.new" "$f"
    echo changed
  fi
}

# True when host 2's libvirtd listens for TCP and TLS on its address.
host2_listening() {
  local ports
  ports=$(ip netns exec "$LAB_NETNS2" ss -Hltn 2>/dev/null | awk '{ print $4 }')
  [[ $ports == *"$LAB_HOST2_ADDR:16509"* && $ports == *"$LAB_HOST2_ADDR:16514"* ]]
}

# Pid of host 2's listening sshd (from its pid file), or nothing.
host2_sshd_pid() {
  local pid
  pid=$(cat "$LAB_HOST2_DIR/sshd.pid" 2>/dev/null) || return 0
  [[ $(readlink "/proc/$pid/exe" 2>/dev/null) == /usr/sbin/sshd ]] &&
    [[ $(ip netns identify "$pid" 2>/dev/null) == "$LAB_NETNS2" ]] && echo "$pid"
  return 0
}

host2_ok() {
  [[ -n $(netns_pids_of "$LAB_NETNS2" /usr/sbin/libvirtd) ]] &&
    [[ -n $(host2_sshd_pid) ]] && virsh2 uri >/dev/null 2>&1 && host2_listening
}

# Restarts only host 2's libvirtd, inside the mount and UTS namespace it shares with virtlogd
# and sshd (so its guests and SSH sessions stay; libvirtd reattaches to running guests).
restart_host2_libvirtd() {
  local anchor
  anchor=$(netns_pids_of "$LAB_NETNS2" /usr/sbin/virtlogd | head -1)
  [[ -n $anchor ]] || return 1
  log "host 2: restarting libvirtd (configuration or certificates changed; guests keep running)"
  stop_in_netns "$LAB_NETNS2" /usr/sbin/libvirtd
  rm -f "$LAB_HOST2_DIR/libvirtd.pid"
  nsenter -t "$anchor" -m -u -n libvirtd -d -l -p "$LAB_HOST2_DIR/libvirtd.pid" 9>&-
  wait_for 300 virsh2 uri || die "host 2's libvirtd did not come back (see $LAB_HOST2_DIR/log/libvirtd.log)"
  wait_for 50 host2_listening ||
    die "host 2's libvirtd does not listen on TCP/TLS (see $LAB_HOST2_DIR/log/libvirtd.log)"
}

start_host2() {
  local restart=${1:-} pid ssh_changed conf_changed
  ssh_changed=$(prepare_ssh)
  conf_changed=$(prepare_pki)
  conf_changed+=$(write_host2_libvirtd_conf)
  if [[ -z $restart && -z $ssh_changed && -z $conf_changed ]] && host2_ok; then return 0; fi
  pid=$(netns_pids_of "$LAB_NETNS2" /usr/sbin/libvirtd | head -1)
  if [[ -z $restart && -n $pid ]] && virsh2 uri >/dev/null 2>&1; then
    if [[ -n $conf_changed ]] || ! host2_listening; then
      restart_host2_libvirtd || die "host 2 has no virtlogd to restart libvirtd next to"
      pid=$(netns_pids_of "$LAB_NETNS2" /usr/sbin/libvirtd | head -1)
    fi
    [[ -n $ssh_changed || -z $(host2_sshd_pid) ]] || return 0
    log "host 2: restarting sshd in libvirtd's mount namespace (open sessions stay)"
    local sshd
    sshd=$(host2_sshd_pid)
    [[ -z $sshd ]] || kill_pids "$sshd"
    nsenter -t "$pid" -m -u -n /usr/sbin/sshd -f "$LAB_HOST2_DIR/sshd_config" \
      -E "$LAB_HOST2_DIR/sshd.log" 9>&-
    return 0
  fi
  # Start over: stop whatever is left in host 2's namespace (its mounts go with it).
  stop_in_netns "$LAB_NETNS2"
  prepare_host2_dirs
  rm -f "$LAB_HOST2_DIR"/*.pid "$LAB_HOST2_DIR"/run/*-sock*
  log "starting host 2 (libvirtd + sshd) in $LAB_NETNS2"
  start_private_libvirt_namespace "$LAB_NETNS2" "$LAB_HOST2_DIR" "$LAB_HOST2_NAME" '
virtlogd -d -p "$dir/virtlogd.pid"
libvirtd -d -l -p "$dir/libvirtd.pid"
/usr/sbin/sshd -f "$dir/sshd_config" -E "$dir/sshd.log"'
  wait_for 300 virsh2 uri || die "host 2's libvirtd did not come up (see $LAB_HOST2_DIR/log/libvirtd.log)"
  wait_for 50 host2_listening ||
    die "host 2's libvirtd does not listen on TCP/TLS (see $LAB_HOST2_DIR/log/libvirtd.log)"
}

# The whole path a client takes: ssh from the lab namespace to host 2, virt-ssh-helper there.
check_host2_ssh() {
  local out
  out=$(ip netns exec "$LAB_NETNS" timeout 30 virsh -c "$(host2_ssh_uri)" hostname 2>&1) ||
    die "host 2 does not answer over SSH: $out"
  [[ $out == "$LAB_HOST2_NAME" ]] || die "host 2 over SSH says hostname '$out'"
}

host2_ssh_uri() { echo "qemu+ssh://root@$LAB_HOST2_ADDR/system?keyfile=$LAB_SSH_KEY"; }
