#!/bin/sh
# Managed by Steward (vpn.yml); changes here are overwritten: change the inventory instead.
#
# The VPN's PKI on this host, kept with Debian's easy-rsa in ${vpn_pki_dir} (root only; the CA
# key never leaves it):
#
#   steward-vpn-pki sync    reads the "want NAME [ADDRESS]" and "revoke NAME" lines of
#                           /etc/openvpn/server/steward/clients (written by vpn.yml); makes
#                           what is missing (CA, server certificate, tls-crypt key, a certificate
#                           per wanted name), revokes the revoked names, renews the CRL when due,
#                           writes the fixed addresses (ccd/) and one inline profile per client
#                           (profiles/NAME.ovpn, 0600). Run by vpn.yml.
#   steward-vpn-pki crl     renews the CRL when fewer than ${vpn_crl_renew_days} days remain. Run daily
#                           by steward-vpn-crl.timer; a run of vpn.yml does the same.
#
# Prints one "changed: ..." line per change. The client list has been checked by vpn.yml (names,
# addresses in the subnet) before it was written.
set -eu
umask 077

export EASYRSA_PKI='${vpn_pki_dir}' EASYRSA_BATCH=1
# ECDSA P-256 keys and ECDHE (the server uses `dh none`); lifetimes from the inventory.
export EASYRSA_ALGO=ec EASYRSA_CURVE=prime256v1 EASYRSA_DIGEST=sha256
export EASYRSA_CA_EXPIRE=${vpn_ca_days} EASYRSA_CERT_EXPIRE=${vpn_cert_days} EASYRSA_CRL_DAYS=${vpn_crl_days}
pki=$EASYRSA_PKI
srv=/etc/openvpn/server/steward
netmask=${vpn_net.netmask}
renew_days=${vpn_crl_renew_days}

# easy-rsa is chatty on stderr even when all is well: show its output only when it fails.
easyrsa() {
    out=$(/usr/share/easy-rsa/easyrsa "$@" </dev/null 2>&1) || { printf 'easyrsa %s failed:\n%s\n' "$1" "$out" >&2; exit 1; }
}

# Renews the CRL when it is missing, when $1 says so, or when fewer than renew_days remain; then
# gives OpenVPN (which reads it as nobody, on every new connection) a readable copy.
crl() {
    due=$1
    if [ "$due" = no ] && [ -f "$pki/crl.pem" ]; then
        next=$(openssl crl -in "$pki/crl.pem" -noout -nextupdate | cut -d= -f2)
        [ $(( $(date -d "$next" +%s) - $(date +%s) )) -lt $((renew_days * 86400)) ] && due=yes
    else
        due=yes
    fi
    if [ "$due" = yes ]; then
        easyrsa gen-crl
        echo "changed: CRL renewed (valid until $(openssl crl -in "$pki/crl.pem" -noout -nextupdate | cut -d= -f2))"
    fi
    if ! cmp -s "$pki/crl.pem" "$srv/crl.pem"; then
        install -m 0644 "$pki/crl.pem" "$srv/crl.pem.new" && mv "$srv/crl.pem.new" "$srv/crl.pem"
    fi
}

# The certificate authority, the server's certificate and the tls-crypt key: made once.
base() {
    if [ ! -f "$pki/ca.crt" ]; then
        [ -d "$pki" ] || easyrsa init-pki
        EASYRSA_REQ_CN='Steward VPN CA' easyrsa build-ca nopass
        echo "changed: CA made"
    fi
    if [ ! -f "$pki/issued/server.crt" ]; then
        easyrsa build-server-full server nopass
        echo "changed: server certificate issued"
    fi
    mkdir -p "$srv/ccd" "$srv/profiles"
    chmod 0755 "$srv" "$srv/ccd"
    chmod 0700 "$srv/profiles"
    if [ ! -f "$srv/tc.key" ]; then
        openvpn --genkey tls-crypt "$srv/tc.key.new" && mv "$srv/tc.key.new" "$srv/tc.key"
        echo "changed: tls-crypt key made"
    fi
}

# Revokes NAME's current certificate. easy-rsa moves the certificate aside but leaves the request
# and the key, and refuses to issue NAME again while they are there: they are filed under the
# old serial too, so re-adding a revoked name just works.
revoke() {
    serial=$(openssl x509 -in "$pki/issued/$1.crt" -noout -serial | cut -d= -f2)
    easyrsa revoke "$1"   # `revoke` (not 3.2's revoke-issued) works with Debian 12's easy-rsa too
    mkdir -p "$pki/revoked/reqs_by_serial" "$pki/revoked/private_by_serial"
    [ ! -f "$pki/reqs/$1.req" ] || mv "$pki/reqs/$1.req" "$pki/revoked/reqs_by_serial/$serial.req"
    [ ! -f "$pki/private/$1.key" ] || mv "$pki/private/$1.key" "$pki/revoked/private_by_serial/$serial.key"
    rm -f "$pki/inline/$1.inline" "$pki/inline/private/$1.inline"
    rm -f "$srv/profiles/$1.ovpn" "$srv/ccd/$1"
    echo "changed: $1 revoked"
}

# One file the client needs and nothing else: the common settings, then CA, certificate, key and
# tls-crypt key inline. Rewritten only when it would differ.
profile() {
    new="$srv/profiles/.$1.ovpn.new"
    {
        cat "$srv/client-common.conf"
        echo '<ca>'; cat "$pki/ca.crt"; echo '</ca>'
        echo '<cert>'; openssl x509 -in "$pki/issued/$1.crt"; echo '</cert>'
        echo '<key>'; cat "$pki/private/$1.key"; echo '</key>'
        echo '<tls-crypt>'; cat "$srv/tc.key"; echo '</tls-crypt>'
    } > "$new"
    if cmp -s "$new" "$srv/profiles/$1.ovpn"; then
        rm -f "$new"
    else
        mv "$new" "$srv/profiles/$1.ovpn"
        echo "changed: profile $1 written"
    fi
}

# A mesh host's fixed tunnel address, pushed by the server when the host connects.
fixed_address() {
    line="ifconfig-push $2 $netmask"
    if [ "$(cat "$srv/ccd/$1" 2>/dev/null)" != "$line" ]; then
        echo "$line" > "$srv/ccd/$1.new" && chmod 0644 "$srv/ccd/$1.new" && mv "$srv/ccd/$1.new" "$srv/ccd/$1"
        echo "changed: $1 gets $2"
    fi
}

sync() {
    base
    crl_due=no
    # revoked first: a name in both lists is revoked
    while read -r verb name address; do
        if [ "$verb" = revoke ] && [ -f "$pki/issued/$name.crt" ]; then
            revoke "$name"
            crl_due=yes
        fi
        [ "$verb" != revoke ] || rm -f "$srv/profiles/$name.ovpn" "$srv/ccd/$name"
    done < "$1"
    keep=' '
    while read -r verb name address; do
        [ "$verb" = want ] && ! grep -qx "revoke $name" "$1" || continue
        if [ ! -f "$pki/issued/$name.crt" ]; then
            easyrsa build-client-full "$name" nopass
            echo "changed: certificate for $name issued"
        fi
        profile "$name"
        [ -z "$address" ] || { fixed_address "$name" "$address"; keep="$keep$name "; }
    done < "$1"
    # a host that left the mesh keeps its certificate (revoking is explicit) but not its address
    for f in "$srv/ccd"/*; do
        [ -f "$f" ] || continue
        case "$keep" in *" $(basename "$f") "*) ;; *) rm -f "$f"; echo "changed: fixed address of $(basename "$f") removed" ;; esac
    done
    crl "$crl_due"
}

clients=$srv/clients
[ $# -eq 1 ] || set -- usage
case "$1" in
    sync) sync "$clients" ;;
    crl) [ -f "$pki/ca.crt" ] || { echo "no PKI in $pki yet: run vpn.yml" >&2; exit 1; }; crl no ;;
    *) echo "usage: steward-vpn-pki sync|crl (see the top of this file)" >&2; exit 2 ;;
esac
