#!/bin/sh
# Managed by Steward (postgres.yml): a pg_dump of ${db_name} into ${backup_dir}, keeping the
# newest ${backup_keep}. Run by steward-pg-backup.service (as postgres) from its nightly timer;
# run it by hand with `systemctl start steward-pg-backup`.
# Restore: pg_restore --clean --if-exists -d ${db_name} FILE (stop the Chainlink nodes first).
set -eu
umask 077   # dumps hold every secret in the database: only postgres may read them
dir='${backup_dir}'
stamp=$(date -u +%Y%m%dT%H%M%SZ)
out="$dir/${db_name}-$stamp.dump"
# Custom format: compressed, and pg_restore can restore any part of it. Written under another
# name first, so a dump cut short is never taken for a good one (nor counted by the rotation).
pg_dump --format=custom --port=${db_port} --file="$out.partial" '${db_name}'
mv "$out.partial" "$out"
ls -1t "$dir"/'${db_name}'-*.dump | tail -n +${backup_keep + 1} | xargs -r rm -f --
