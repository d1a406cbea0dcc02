# shellcheck shell=bash
# Step 4 of `up`: the tiny guest (Debian kernel + busybox initramfs) in $LAB_CACHE, and the
# domain XML for guests that boot it.
#
# Cache layout: kernel/<pkg>.deb (verified download), guest/vmlinuz, guest/initrd.img,
# guest/tiny.iso (both on a CD that isolinux boots) and guest/stamp (hash of every input).
# Each piece is written to a temporary name and renamed, so an interrupted build leaves
# nothing that looks finished.

GUEST_SRC=$LAB_SCRIPT_DIR/guest
GUEST_BUILD_VERSION=2 # bump when build_guest changes what it puts into the image

# The kernel package: one already in the cache wins (no download when apt lists move on).
kernel_deb() {
  local deb pkg tmp
  rm -rf "$LAB_CACHE/kernel"/.download.* # leftovers of an interrupted download
  deb=$(find "$LAB_CACHE/kernel" -maxdepth 1 -name 'linux-image-*.deb' 2>/dev/null | sort -V | tail -1)
  if [[ -n $deb ]] && dpkg-deb --info "$deb" >/dev/null 2>&1; then
    echo "$deb"
    return
  fi
  pkg=$(kernel_pkg_name)
  [[ -n $pkg ]] || die "cannot find the kernel package (apt-cache depends linux-image-amd64)"
  log "downloading $pkg (about 70 MB)"
  mkdir -p "$LAB_CACHE/kernel"
  tmp=$(mktemp -d "$LAB_CACHE/kernel/.download.XXXXXX")
  (cd "$tmp" && apt-get download -q -o APT::Sandbox::User=root "$pkg") >&2 ||
    die "apt-get download $pkg failed"
  deb=$(find "$tmp" -maxdepth 1 -name '*.deb' | head -1)
  dpkg-deb --info "$deb" >/dev/null || die "downloaded $deb is broken"
  find "$LAB_CACHE/kernel" -maxdepth 1 -name 'linux-image-*.deb' -delete
  mv "$deb" "$LAB_CACHE/kernel/$pkg.deb"
  rm -rf "$tmp"
  echo "$LAB_CACHE/kernel/$pkg.deb"
}

kernel_pkg_name() {
  local pkg
  pkg=$(apt-cache depends linux-image-amd64 2>/dev/null |
    awk '$1 == "Depends:" && $2 ~ /^linux-image-[0-9]/ { print $2; exit }')
  if [[ -z $pkg ]]; then
    apt-get update -q >&2
    pkg=$(apt-cache depends linux-image-amd64 2>/dev/null |
      awk '$1 == "Depends:" && $2 ~ /^linux-image-[0-9]/ { print $2; exit }')
  fi
  echo "$pkg"
}

# Everything that goes into the initramfs; a change in any of it triggers a rebuild.
guest_inputs_hash() {
  {
    echo "deb $(basename "$1") build $GUEST_BUILD_VERSION"
    sha256sum /bin/busybox "$GUEST_SRC"/* | awk '{ print $1 }'
  } | sha256sum | awk '{ print $1 }'
}

build_guest() {
  local deb hash
  mkdir -p "$LAB_CACHE/guest"
  [[ -x /bin/busybox ]] || die "/bin/busybox missing (busybox-static)"
  deb=$(kernel_deb)
  hash=$(guest_inputs_hash "$deb")
  if [[ -f $LAB_GUEST_KERNEL && -f $LAB_GUEST_ISO &&
    $(cat "$LAB_CACHE/guest/stamp" 2>/dev/null) == "$hash" ]] &&
    gzip -t "$LAB_GUEST_INITRD" 2>/dev/null; then
    return 0
  fi
  log "building the guest kernel and initramfs from $(basename "$deb")"
  local tmp root kver
  rm -rf "$LAB_CACHE/guest"/.build.* # leftovers of an interrupted build
  tmp=$(mktemp -d "$LAB_CACHE/guest/.build.XXXXXX")
  dpkg -x "$deb" "$tmp/deb"
  kver=$(basename "$(find "$tmp/deb/lib/modules" -mindepth 1 -maxdepth 1 -type d | head -1)")
  [[ -n $kver && -f $tmp/deb/boot/vmlinuz-$kver ]] || die "no kernel in $deb"

  root=$tmp/root
  mkdir -p "$root"/{bin,dev,etc/acpi/PWRF,lib/modules,proc,root,sys,tmp,run}
  ln -s bin "$root/sbin"
  cp /bin/busybox "$root/bin/busybox"
  local applet
  for applet in $(/bin/busybox --list); do
    [[ $applet == busybox ]] || ln -sf busybox "$root/bin/$applet"
  done
  install -m 0755 "$GUEST_SRC/init" "$root/init"
  install -m 0755 "$GUEST_SRC/udhcpc.script" "$root/etc/udhcpc.script"
  install -m 0755 "$GUEST_SRC/poweroff.sh" "$root/etc/acpi/PWRF/00000080"
  install -m 0755 "$GUEST_SRC/agent.sh" "$root/bin/vd-agent"
  install -m 0644 "$GUEST_SRC/profile" "$root/etc/profile"
  printf 'root:x:0:0:root:/root:/bin/sh\n' >"$root/etc/passwd"
  printf 'root:x:0:\n' >"$root/etc/group"

  local order=() seen=" " mod
  while read -r mod; do
    [[ -z $mod || $mod == \#* ]] || add_module "$tmp/deb/lib/modules/$kver/kernel" "$mod"
  done <"$GUEST_SRC/modules"
  for mod in "${order[@]}"; do
    cp "$(find "$tmp/deb/lib/modules/$kver/kernel" -name "$mod.ko" | head -1)" "$root/lib/modules/"
  done
  printf '%s\n' "${order[@]}" >"$root/etc/modules"
  log "guest modules: ${order[*]}"

  (cd "$root" && find . | cpio -o -H newc -R 0:0 --quiet | gzip -9 -n) >"$tmp/initrd.img"
  cp "$tmp/deb/boot/vmlinuz-$kver" "$tmp/vmlinuz"
  build_guest_iso "$tmp"
  mv -f "$tmp/vmlinuz" "$LAB_GUEST_KERNEL"
  mv -f "$tmp/initrd.img" "$LAB_GUEST_INITRD"
  mv -f "$tmp/tiny.iso" "$LAB_GUEST_ISO"
  echo "$hash" >"$LAB_CACHE/guest/stamp"
  echo "$kver" >"$LAB_CACHE/guest/kernel-version"
  rm -rf "$tmp"
}

# $1/tiny.iso: an El Torito CD that isolinux boots into the same kernel and initramfs, for
# VMs installed from an ISO volume (the guest then runs from memory like the kernel-boot one).
build_guest_iso() {
  local tmp=$1 cd=$1/cd
  mkdir -p "$cd/isolinux"
  cp /usr/lib/ISOLINUX/isolinux.bin /usr/lib/syslinux/modules/bios/ldlinux.c32 "$cd/isolinux/"
  cp "$tmp/vmlinuz" "$tmp/initrd.img" "$cd/"
  printf '%s\n' 'DEFAULT tiny' 'PROMPT 0' 'TIMEOUT 0' 'LABEL tiny' '  KERNEL /vmlinuz' \
    '  APPEND initrd=/initrd.img console=tty0 console=ttyS0 vdname=virtdeck-cd' \
    >"$cd/isolinux/isolinux.cfg"
  genisoimage -quiet -o "$tmp/tiny.iso" -V VIRTDECK_TINY -J -R \
    -b isolinux/isolinux.bin -c isolinux/boot.cat -no-emul-boot -boot-load-size 4 \
    -boot-info-table "$cd" || die "genisoimage failed"
}

# Depth-first: dependencies (from the module's own .modinfo "depends=") before the module.
# Modules built into the kernel have no .ko and are skipped. Uses order/seen of the caller.
add_module() {
  local dir=$1 name=${2//-/_} file dep
  [[ $seen == *" $name "* ]] && return 0
  seen+="$name "
  file=$(find "$dir" -name "$name.ko" | head -1)
  [[ -n $file ]] || file=$(find "$dir" -name "${2//_/-}.ko" | head -1)
  if [[ -z $file ]]; then
    log "module $name: not a module in this kernel (built in?), skipped"
    return 0
  fi
  for dep in $(tr '\0' '\n' <"$file" | sed -n 's/^depends=//p' | head -1 | tr ',' ' '); do
    add_module "$dir" "$dep"
  done
  order+=("$(basename "$file" .ko)")
}

# Domain XML for a tiny guest. $1 = name, $2 = network (default the lab's), $3 = uuid and
# $4 = MAC (both optional: libvirt generates them).
# shellcheck disable=SC2016 # ${mac:+...} inside the here-doc is meant
guest_xml() {
  local name=${1:?usage: guest-xml NAME [NETWORK]} net=${2:-$LAB_NETWORK} uuid=${3:-} mac=${4:-}
  [[ $name =~ ^[A-Za-z0-9][A-Za-z0-9_.-]*$ ]] || die "bad guest name: $name"
  cat <<EOF
<domain type='qemu'>
  <name>$name</name>${uuid:+
  <uuid>$uuid</uuid>}
  <memory unit='MiB'>128</memory>
  <vcpu>1</vcpu>
  <os>
    <type arch='x86_64' machine='pc'>hvm</type>
    <kernel>$LAB_GUEST_KERNEL</kernel>
    <initrd>$LAB_GUEST_INITRD</initrd>
    <cmdline>console=tty0 console=ttyS0 vdname=$name</cmdline>
  </os>
  <features><acpi/></features>
  <on_poweroff>destroy</on_poweroff>
  <on_reboot>restart</on_reboot>
  <on_crash>destroy</on_crash>
  <devices>
    <serial type='pty'>
      <log file='$LAB_GUEST_LOG_DIR/$name-serial.log' append='off'/>
      <target port='0'/>
    </serial>
    <console type='pty'><target type='serial' port='0'/></console>
    <channel type='unix'><target type='virtio' name='org.qemu.guest_agent.0'/></channel>
    <graphics type='vnc' port='-1' autoport='yes' listen='127.0.0.1'/>
    <video><model type='vga'/></video>
    <interface type='network'>${mac:+
      <mac address='$mac'/>}
      <source network='$net'/>
      <model type='virtio'/>
    </interface>
  </devices>
</domain>
EOF
}
