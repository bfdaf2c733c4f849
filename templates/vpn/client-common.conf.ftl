# A client profile of the Steward VPN (vpn.yml), for `openvpn --config FILE` or any OpenVPN 2.5+
# client. It holds the client's private key: keep it private (mode 0600), never share it.
client
dev tun
proto ${vpn_proto}
remote ${vpn_endpoint} ${vpn_port}
resolv-retry infinite
nobind
persist-key
persist-tun
# The server must hold the server certificate of this VPN's CA.
remote-cert-tls server
verify-x509-name server name
tls-version-min 1.2
data-ciphers AES-256-GCM:CHACHA20-POLY1305
allow-compression no
<#if vpn_proto == "udp">
explicit-exit-notify 1
</#if>
verb 3
