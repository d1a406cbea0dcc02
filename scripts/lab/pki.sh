# shellcheck shell=bash
# Part of step 6 of `up`: a private CA with a server certificate for host 2's TLS listener and a
# client certificate, made with openssl into the state dir (gone with `down`). Laid out so that
# the client dir works as libvirt's ?pkipath=DIR (cacert.pem, clientcert.pem, clientkey.pem):
#
#   $LAB_PKI/ca/      cacert.pem cakey.pem
#   $LAB_PKI/server/  cacert.pem servercert.pem serverkey.pem   (host 2's libvirtd.conf)
#   $LAB_PKI/client/  cacert.pem clientcert.pem clientkey.pem   (LAB_TLS_PKIPATH)
#
# libvirt checks key usage: the CA needs CA:TRUE + keyCertSign, the server "TLS Web Server",
# the client "TLS Web Client"; both digitalSignature + keyEncipherment (RSA keys).

LAB_PKI=$LAB_STATE/pki
LAB_TLS_DAYS=3650

# Sign a new RSA key's certificate with the lab CA. $1 = out basename (without .pem), $2 = CN,
# $3 = extendedKeyUsage, $4 = subjectAltName (optional).
pki_issue() {
  local out=$1 cn=$2 eku=$3 san=${4:-} ext
  ext=$(mktemp)
  {
    echo "basicConstraints = critical, CA:FALSE"
    echo "keyUsage = critical, digitalSignature, keyEncipherment"
    echo "extendedKeyUsage = $eku"
    [[ -z $san ]] || echo "subjectAltName = $san"
  } >"$ext"
  openssl req -new -newkey rsa:2048 -nodes -keyout "${out}key.pem" -subj "/O=virtdeck-lab/CN=$cn" \
    -out "$out.csr" 2>/dev/null
  openssl x509 -req -in "$out.csr" -CA "$LAB_PKI/ca/cacert.pem" -CAkey "$LAB_PKI/ca/cakey.pem" \
    -CAcreateserial -days "$LAB_TLS_DAYS" -sha256 -extfile "$ext" -out "${out}cert.pem" 2>/dev/null
  rm -f "$ext" "$out.csr"
  chmod 0600 "${out}key.pem"
}

# True when the lab's certificates exist, chain to its CA and stay valid for another day.
pki_ok() {
  local c
  for c in "$LAB_PKI/server/servercert.pem" "$LAB_PKI/client/clientcert.pem"; do
    [[ -s $c ]] || return 1
    openssl verify -CAfile "$LAB_PKI/ca/cacert.pem" "$c" >/dev/null 2>&1 || return 1
    openssl x509 -checkend 86400 -noout -in "$c" >/dev/null 2>&1 || return 1
  done
  [[ -s $LAB_PKI/server/serverkey.pem && -s $LAB_PKI/client/clientkey.pem ]] &&
    openssl x509 -noout -ext subjectAltName -in "$LAB_PKI/server/servercert.pem" 2>/dev/null |
    grep -q "DNS:$LAB_HOST2_NAME, IP Address:$LAB_HOST2_ADDR"
}

# Makes (or, when incomplete or expiring, remakes) all of it; prints "changed" when it did, as
# a running libvirtd reads its certificates only at start.
prepare_pki() {
  pki_ok && return 0
  log "making the lab's TLS CA and certificates in $LAB_PKI"
  rm -rf "$LAB_PKI"
  mkdir -p "$LAB_PKI/ca" "$LAB_PKI/server" "$LAB_PKI/client"
  chmod 0700 "$LAB_PKI/ca"
  openssl req -x509 -new -newkey rsa:2048 -nodes -keyout "$LAB_PKI/ca/cakey.pem" \
    -out "$LAB_PKI/ca/cacert.pem" -days "$LAB_TLS_DAYS" -sha256 -subj "/O=virtdeck-lab/CN=virtdeck-lab CA" \
    -addext "basicConstraints = critical, CA:TRUE" \
    -addext "keyUsage = critical, keyCertSign, cRLSign" 2>/dev/null
  (
    cd "$LAB_PKI/server" &&
      pki_issue server "$LAB_HOST2_NAME" serverAuth "DNS:$LAB_HOST2_NAME, IP:$LAB_HOST2_ADDR"
  )
  (cd "$LAB_PKI/client" && pki_issue client virtdeck-lab-client clientAuth)
  cp "$LAB_PKI/ca/cacert.pem" "$LAB_PKI/server/cacert.pem"
  cp "$LAB_PKI/ca/cacert.pem" "$LAB_PKI/client/cacert.pem"
  rm -f "$LAB_PKI/ca/cacert.srl"
  pki_ok || die "the lab's TLS certificates do not verify (openssl in $LAB_PKI)"
  echo changed
}
