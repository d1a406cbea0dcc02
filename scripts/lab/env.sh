# shellcheck shell=bash
# Step 7 of `up`: /run/virtdeck-lab/env (shell-sourceable) and env.json (for tests).

lab_env_pairs() {
  cat <<EOF
LAB_NETNS=$LAB_NETNS
LAB_URI=$LAB_URI
LAB_SOCKET=$LAB_SOCKET
LAB_HOST1_SOCKET=$LAB_HOST1_SOCKET
LAB_HOST1_URI=qemu+unix:///system?socket=$LAB_HOST1_SOCKET
LAB_HOST1_GUEST_LOG_DIR=$LAB_HOST1_DIR/log/qemu
LAB_HOST1_NAME=$LAB_HOST1_NAME
LAB_HOST1_ADDR=$LAB_HOST1_ADDR
LAB_HOST1_UUID=$(host1_uuid)
LAB_GUEST_NAME=$LAB_GUEST_NAME
LAB_GUEST_UUID=$LAB_GUEST_UUID
LAB_GUEST_MAC=$LAB_GUEST_MAC
LAB_GUEST_KERNEL=$LAB_GUEST_KERNEL
LAB_GUEST_INITRD=$LAB_GUEST_INITRD
LAB_GUEST_ISO=$LAB_GUEST_ISO
LAB_GUEST_LOG_DIR=$LAB_GUEST_LOG_DIR
LAB_GUEST_SERIAL_LOG=$LAB_GUEST_LOG_DIR/$LAB_GUEST_NAME-serial.log
LAB_GUEST_PROMPT=virtdeck-guest#
LAB_NETWORK=$LAB_NETWORK
LAB_BRIDGE=$LAB_BRIDGE
LAB_NETWORK_CIDR=$LAB_NET_CIDR
LAB_NETWORK_GATEWAY=$LAB_NET_GATEWAY
LAB_NETNS2=$LAB_NETNS2
LAB_HOST2_NAME=$LAB_HOST2_NAME
LAB_HOST2_ADDR=$LAB_HOST2_ADDR
LAB_HOST2_UUID=$(host2_uuid)
LAB_HOST2_SOCKET=$LAB_HOST2_SOCKET
LAB_HOST2_GUEST_LOG_DIR=$LAB_HOST2_DIR/log/qemu
LAB_HOST2_URI=qemu+unix:///system?socket=$LAB_HOST2_SOCKET
LAB_HOST2_SSH_URI=$(host2_ssh_uri)
LAB_HOST2_MIGRATE_URI=tcp://$LAB_HOST2_ADDR
LAB_HOST2_TCP_URI=qemu+tcp://$LAB_HOST2_ADDR/system
LAB_HOST2_TLS_URI=qemu+tls://$LAB_HOST2_NAME/system
LAB_TLS_PKIPATH=$LAB_PKI/client
LAB_TLS_CA=$LAB_PKI/client/cacert.pem
LAB_TLS_CLIENT_CERT=$LAB_PKI/client/clientcert.pem
LAB_TLS_CLIENT_KEY=$LAB_PKI/client/clientkey.pem
LAB_SSH_KEY=$LAB_SSH_KEY
LAB_KNOWN_HOSTS=$LAB_KNOWN_HOSTS
LAB_SSH_CONFIG=$LAB_SSH_CONFIG
LAB_STATE_DIR=$LAB_STATE
LAB_CACHE=$LAB_CACHE
LAB_SCRIPT=$(cd "$LAB_SCRIPT_DIR/.." && pwd)/lab.sh
EOF
}

# Values are quoted only when they need it, so plain KEY=VALUE readers work too.
write_lab_env() {
  local tmp key val first=1
  tmp=$(mktemp "$LAB_STATE/.env.XXXXXX")
  {
    echo "# Virtdeck KVM lab (scripts/lab.sh up, $(date -u +%FT%TZ)). Only reachable from the"
    echo "# lab: scripts/lab.sh exec ... (host 1's mount and network namespaces)"
    while IFS='=' read -r key val; do
      if [[ $val =~ ^[A-Za-z0-9_./:+@?=,#-]*$ ]]; then
        echo "$key=$val"
      else
        echo "$key='${val//\'/\'\\\'\'}'"
      fi
    done < <(lab_env_pairs)
  } >"$tmp"
  chmod 0644 "$tmp"
  mv -f "$tmp" "$LAB_ENV_FILE"

  tmp=$(mktemp "$LAB_STATE/.json.XXXXXX")
  {
    printf '{'
    while IFS='=' read -r key val; do
      val=${val//\\/\\\\}
      val=${val//\"/\\\"}
      ((first)) || printf ','
      first=0
      printf '\n  "%s": "%s"' "$key" "$val"
    done < <(lab_env_pairs)
    printf '\n}\n'
  } >"$tmp"
  chmod 0644 "$tmp"
  mv -f "$tmp" "$LAB_ENV_FILE.json"
}
