# Managed by Steward (vpn.yml); changes here are overwritten. Run by openvpn-server@steward.service.
# Files: the PKI in ${vpn_pki_dir} (easy-rsa; read as root before privileges are dropped), the CRL,
# the fixed addresses (ccd/) and the tls-crypt key in /etc/openvpn/server/steward.
port ${vpn_port}
proto ${vpn_proto}
dev tun
topology subnet
# The server takes ${vpn_net.server}; operators get addresses from the pool; mesh hosts get their
# fixed `address` from ccd/ (outside the pool, so the two never collide).
server ${vpn_net.network} ${vpn_net.netmask} nopool
ifconfig-pool ${vpn_pool_start} ${vpn_pool_end} ${vpn_net.netmask}
client-config-dir /etc/openvpn/server/steward/ccd
<#if vpn_mesh>
# Mesh hosts reach each other (node -> database -> RPC) through the server, inside the tunnel.
client-to-client
</#if>

ca ${vpn_pki_dir}/ca.crt
cert ${vpn_pki_dir}/issued/server.crt
key ${vpn_pki_dir}/private/server.key
# ECDSA keys, ECDHE key exchange: no Diffie-Hellman parameters.
dh none
# Only clients with a certificate for a client (not another server's) from this CA, not revoked.
remote-cert-tls client
# Re-read on each new connection, as nobody: a world-readable copy kept fresh by steward-vpn-pki.
crl-verify /etc/openvpn/server/steward/crl.pem
# Every packet of the handshake is authenticated and encrypted with this shared key: the port
# does not answer anyone without it (no TLS fingerprinting, no handshake floods).
tls-crypt /etc/openvpn/server/steward/tc.key

# Modern ciphers only: TLS 1.2 or newer for the control channel, AEAD ciphers for the data.
tls-version-min 1.2
data-ciphers AES-256-GCM:CHACHA20-POLY1305
# Compression on encrypted links leaks plaintext (VORACLE): never, not even if a client asks.
allow-compression no

keepalive 10 60
persist-key
persist-tun
user nobody
group nogroup
<#if vpn_proto == "udp">
# Tells clients when the server restarts, so they reconnect at once instead of after a timeout.
explicit-exit-notify 1
</#if>
verb 3
