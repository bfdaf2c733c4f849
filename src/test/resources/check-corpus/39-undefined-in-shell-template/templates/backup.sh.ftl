#!/bin/sh
# ${app} backup
tar czf /var/backups/${app}.tgz ${BACKUP_DIR}
