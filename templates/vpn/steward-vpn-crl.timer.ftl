# Managed by Steward (vpn.yml): checks the VPN's CRL daily (it is renewed ${vpn_crl_renew_days} days
# before it expires, so a few missed days do no harm).
[Unit]
Description=Daily check of the VPN's CRL

[Timer]
OnCalendar=daily
RandomizedDelaySec=1h
# A day missed while the host was off is caught up when it comes back.
Persistent=true

[Install]
WantedBy=timers.target
