# Managed by Steward (postgres.yml): one backup of ${db_name}; started by steward-pg-backup.timer.
[Unit]
Description=pg_dump of ${db_name} into ${backup_dir}
After=postgresql.service
Requires=postgresql.service

[Service]
Type=oneshot
User=postgres
Group=postgres
ExecStart=/usr/local/sbin/steward-pg-backup
# A backup must not slow the database the nodes are using.
Nice=10
IOSchedulingClass=idle
