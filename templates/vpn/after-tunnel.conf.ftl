# Managed by Steward (vpn.yml): this service binds to the host's tunnel address (${address}), which
# exists only while the VPN client runs. So it starts after the tunnel is up (the client reports
# ready once the address is set) and is stopped with it, instead of starting without it.
[Unit]
After=openvpn-client@steward.service
Requires=openvpn-client@steward.service
