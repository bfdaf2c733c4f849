# Managed by Steward (base.yml). Key-only SSH: root cannot log in, nobody logs in with a password.
# Written only after a key login as ${operator_user} was proven on a new connection.
# sshd uses the first value it reads for each keyword; this file is read first (00-).
PermitRootLogin no
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitEmptyPasswords no
PubkeyAuthentication yes
