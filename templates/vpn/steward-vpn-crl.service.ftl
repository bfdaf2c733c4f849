# Managed by Steward (vpn.yml): renews the VPN's revocation list when fewer than
# ${vpn_crl_renew_days} days remain (an expired CRL locks every client out).
[Unit]
Description=Renew the VPN's CRL before it expires

[Service]
Type=oneshot
ExecStart=/usr/local/sbin/steward-vpn-pki crl
