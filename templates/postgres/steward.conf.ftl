# Managed by Steward (postgres.yml). Read after postgresql.conf, so these settings win.
# localhost for the backup and for Steward's own checks; ${address} for the Chainlink nodes.
# Changing listen_addresses or port needs a restart (Steward does it); the rest a reload.
listen_addresses = 'localhost,${address}'
port = ${db_port}

# TLS with the certificate signed by Steward's CA (pki/postgres-ca.crt on the controller).
ssl = on
ssl_cert_file = '${postgres_tls_dir}/server.crt'
ssl_key_file = '${postgres_tls_dir}/server.key'
ssl_min_protocol_version = 'TLSv1.2'

password_encryption = scram-sha-256
