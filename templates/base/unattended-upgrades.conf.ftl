// Managed by Steward (base.yml).
// Unattended upgrades install security updates every night on every host at about the same time.
// An update of docker, containerd or PostgreSQL restarts that service, which would take both
// Chainlink replicas (or the shared database) down at once. Those packages are kept out and
// updated by Steward, one host at a time. Entries are regular expressions matched against the
// start of a package name; this list adds to the one in 50unattended-upgrades.
Unattended-Upgrade::Package-Blacklist {
    "docker";          // docker.io, docker-ce, docker-ce-cli, docker-compose(-plugin), docker-buildx-plugin
    "containerd";      // containerd, containerd.io
    "runc$";           // the container runtime under containerd
    "postgresql";      // postgresql, postgresql-NN, postgresql-common, postgresql-client-*
    "libpq5$";         // the client library the server links
};
// A reboot takes a node down without a plan; Steward's `reboot` does it one host at a time.
Unattended-Upgrade::Automatic-Reboot "false";
