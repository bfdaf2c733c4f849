# Managed by Steward (monitoring.yml): steward health every ${monitor_interval!"1min"}.
[Unit]
Description=steward health every ${monitor_interval!"1min"}

[Timer]
OnBootSec=1min
OnUnitActiveSec=${monitor_interval!"1min"}

[Install]
WantedBy=timers.target
