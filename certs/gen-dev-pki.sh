#!/usr/bin/env bash
# Builds a PKIoverheid-shaped development PKI with ECDSA P-256 (openssl CLI only):
#
#   root CA  "Sluis Dev Staat der Nederlanden Private Root CA - TEST"
#     └─ intermediate "Sluis Dev PKIoverheid Private Services CA - TEST"
#          ├─ sluisd.pem     server + client certificate of the gemeente's Sluis
#          │                 (SAN localhost, 127.0.0.1; OIN in subject serialNumber)
#          ├─ ggk.pem        the simulated GGk (its own OIN), client + server
#          └─ bad/…          deliberately wrong certificates for the tests
#
# bad/expired        valid chain, notAfter in the past
# bad/notyetvalid    valid chain, notBefore in the future
# bad/otherca        the GGk's OIN, but signed by an unrelated root (bad/other-root-ca.pem)
# bad/unknownoin     valid chain, an OIN that belongs to no CPA party
# bad/rsa1024        valid chain, RSA 1024-bit key (refused at OpenSSL security level 2)
#
# usage: certs/gen-dev-pki.sh OUTDIR [--force]
# Idempotent: an OUTDIR that is already complete is left alone unless --force is given.
# OUTDIR/oins.env lists the OINs. Development and test use only: the keys are not protected.
set -euo pipefail

out=${1:?usage: gen-dev-pki.sh OUTDIR [--force]}
force=${2:-}
if [[ -f "$out/.complete" && "$force" != "--force" ]]; then
  exit 0
fi
command -v openssl >/dev/null || { echo "gen-dev-pki: openssl not found" >&2; exit 1; }

# Fictitious 20-digit OINs (the first 8 digits mimic a registry prefix).
SLUIS_OIN=${SLUIS_OIN:-00000001003214345000}
GGK_OIN=${GGK_OIN:-00000001823288444000}
UNKNOWN_OIN=00000009999999999000

rm -rf "$out"
mkdir -p "$out/bad" "$out/.ca"
cd "$out"
work=.ca
touch "$work/index.txt"
echo 1000 > "$work/serial"

cat > "$work/ca.cnf" <<CNF
[ca]
default_ca = dev
[dev]
dir = $work
database = \$dir/index.txt
serial = \$dir/serial
new_certs_dir = \$dir
default_md = sha256
policy = anything
unique_subject = no
copy_extensions = none
[anything]
countryName = optional
organizationName = optional
organizationalUnitName = optional
commonName = supplied
serialNumber = optional
[root_ext]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[intermediate_ext]
basicConstraints = critical, CA:true, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[leaf_ext]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, keyAgreement, keyEncipherment
extendedKeyUsage = serverAuth, clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = DNS:localhost, IP:127.0.0.1
CNF

stamp() { date -u -d "$1" +%Y%m%d%H%M%SZ; }

# newkey NAME [rsa1024]
newkey() {
  if [[ "${2:-}" == rsa1024 ]]; then
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out "$1.key" 2>/dev/null
  else
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1.key"
  fi
  chmod 600 "$1.key"
}

# sign NAME SUBJECT CA_PREFIX EXT START END
sign() {
  openssl req -new -key "$1.key" -subj "$2" -out "$work/$(basename "$1").csr"
  openssl ca -batch -config "$work/ca.cnf" -preserveDN -notext \
    -cert "$3.pem" -keyfile "$3.key" -extensions "$4" \
    -startdate "$5" -enddate "$6" \
    -in "$work/$(basename "$1").csr" -out "$1.pem" 2>/dev/null
}

selfsign_root() {  # NAME SUBJECT
  newkey "$1"
  openssl req -new -x509 -key "$1.key" -subj "$2" -days 3650 -sha256 \
    -config "$work/ca.cnf" -extensions root_ext -out "$1.pem"
}

now=$(stamp "1 hour ago")
later=$(stamp "+2 years")

selfsign_root root-ca "/C=NL/O=Sluis Dev/CN=Sluis Dev Staat der Nederlanden Private Root CA - TEST"
newkey int-ca
sign int-ca "/C=NL/O=Sluis Dev/CN=Sluis Dev PKIoverheid Private Services CA - TEST" \
  root-ca intermediate_ext "$now" "$(stamp '+5 years')"
cat int-ca.pem root-ca.pem > ca-bundle.pem

leaf() {  # NAME OIN CN [START END [KEYKIND]]
  newkey "$1" "${6:-}"
  sign "$1" "/C=NL/O=Sluis Dev/serialNumber=$2/CN=$3" int-ca leaf_ext "${4:-$now}" "${5:-$later}"
  cat "$1.pem" int-ca.pem > "$1-chain.pem"
}

leaf sluisd "$SLUIS_OIN" "sluisd gemeente (dev)"
leaf ggk "$GGK_OIN" "ggk-simulator (dev)"
leaf bad/expired "$GGK_OIN" "expired (dev)" "$(stamp '2 years ago')" "$(stamp '1 day ago')"
leaf bad/notyetvalid "$GGK_OIN" "not yet valid (dev)" "$(stamp '+1 year')" "$(stamp '+3 years')"
leaf bad/unknownoin "$UNKNOWN_OIN" "unknown party (dev)"
leaf bad/rsa1024 "$GGK_OIN" "rsa1024 (dev)" "$now" "$later" rsa1024

selfsign_root bad/other-root-ca "/C=NL/O=Elsewhere/CN=Unrelated Root CA"
newkey bad/otherca
sign bad/otherca "/C=NL/O=Elsewhere/serialNumber=$GGK_OIN/CN=other ca (dev)" \
  bad/other-root-ca leaf_ext "$now" "$later"
cp bad/otherca.pem bad/otherca-chain.pem

cat > oins.env <<ENV
SLUIS_OIN=$SLUIS_OIN
GGK_OIN=$GGK_OIN
UNKNOWN_OIN=$UNKNOWN_OIN
ENV
rm -rf "$work"
touch .complete
