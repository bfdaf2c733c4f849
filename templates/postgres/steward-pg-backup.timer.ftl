# Managed by Steward (postgres.yml): the nightly backup of ${db_name}.
[Unit]
Description=Nightly pg_dump of ${db_name}

[Timer]
OnCalendar=${backup_time}
RandomizedDelaySec=15min
# A night missed while the host was off is caught up when it comes back.
Persistent=true

[Install]
WantedBy=timers.target
