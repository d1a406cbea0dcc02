# shellcheck shell=bash
# Step 1 and 2 of `up`: Debian packages, users and libvirt configuration (no systemd needed).

LAB_PACKAGES=(
  libvirt-daemon libvirt-daemon-driver-qemu libvirt-clients qemu-system-x86 qemu-utils
  dnsmasq-base iptables busybox-static cpio ovmf openssh-server iproute2 netcat-openbsd openssl
  genisoimage isolinux syslinux-common
)

install_packages() {
  local missing=() p
  for p in "${LAB_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$' || missing+=("$p")
  done
  ((${#missing[@]})) || return 0
  log "installing: ${missing[*]}"
  # Keep package scripts from starting daemons (sshd on *:22) in the machine's namespace.
  local policy=
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    policy=/usr/sbin/policy-rc.d
    printf '#!/bin/sh\n# scripts/lab.sh: no service starts during the install\nexit 101\n' >"$policy"
    chmod 0755 "$policy"
  fi
  local rc=0
  {
    apt-get update -q &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
  } || rc=$?
  [[ -z $policy ]] || rm -f "$policy"
  ((rc == 0)) || die "installing ${missing[*]} failed"
}

# Users and directories libvirt needs. The machine's own /etc/libvirt is not changed (host 1 and
# host 2 have their own); settings an earlier lab wrote there are taken out again.
prepare_libvirt() {
  getent group kvm >/dev/null || groupadd -r kvm
  getent group libvirt-qemu >/dev/null || groupadd -r libvirt-qemu
  getent passwd libvirt-qemu >/dev/null ||
    useradd -r -g libvirt-qemu -G kvm -d /var/lib/libvirt -s /usr/sbin/nologin \
      -c "Libvirt Qemu" libvirt-qemu
  mkdir -p /run/libvirt /var/lib/libvirt /var/log/libvirt/qemu /etc/libvirt /var/cache/libvirt \
    /run/sshd "$LAB_STATE" "$LAB_PIDS"
  chmod 0755 /run/sshd
  host1_uuid >/dev/null # keep the UUID an earlier lab stored in libvirtd.conf
  remove_managed_block /etc/libvirt/qemu.conf
  remove_managed_block /etc/libvirt/libvirtd.conf
}

# QEMU runs as root (no libvirt-daemon-system, no dynamic users); no ownership xattrs, so that
# two daemons sharing the guest kernel file do not fight over "remembered" owners.
qemu_conf_block() {
  cat <<'EOF'
user = "root"
group = "root"
remember_owner = 0
EOF
}

libvirtd_conf_block() {
  cat <<EOF
host_uuid = "$1"
log_outputs = "3:file:/var/log/libvirt/libvirtd.log"
EOF
}

# Host 1's UUID: kept in the cache once generated (stable across runs and reboots, so the
# dashboard sees the same host); this machine has no SMBIOS to take one from. An earlier lab
# kept it in a managed block of the machine's libvirtd.conf.
host1_uuid() {
  local u file=$LAB_CACHE/host1-uuid
  u=$(cat "$file" 2>/dev/null || true)
  if [[ -z $u ]]; then
    # An older lab kept it in the machine's libvirtd.conf, which only libvirt-daemon-system ships.
    if [[ -r /etc/libvirt/libvirtd.conf ]]; then
      u=$(sed -n '/^# >>> virtdeck-lab >>>$/,/^# <<< virtdeck-lab <<<$/s/^host_uuid = "\(.*\)"$/\1/p' \
        /etc/libvirt/libvirtd.conf | head -1)
    fi
    [[ -n $u ]] || u=$(cat /proc/sys/kernel/random/uuid)
    mkdir -p "$LAB_CACHE"
    echo "$u" >"$file"
  fi
  echo "$u"
}

# Host 2's UUID: derived from host 1's so it is stable too, and always different.
host2_uuid() {
  local h
  h=$(printf '%s virtdeck-lab2' "$(host1_uuid)" | sha256sum)
  echo "${h:0:8}-${h:8:4}-4${h:13:3}-a${h:17:3}-${h:20:12}"
}
