package dev.steward.health;

/** What a Chainlink node's 127.0.0.1:6688 said: a holder answers (any HTTP status), a standby refuses. */
public enum LeaseRole {
    /** 6688 answered: this node holds the database lease and serves. */
    HOLDER,
    /** 6688 refused while the container runs: the node waits for the lease. */
    STANDBY,
    /** The container is not running, or 6688 neither answered nor refused. */
    DOWN
}
