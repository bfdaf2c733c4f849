package dev.steward.lock;

/**
 * A run refused because a target host is locked by another run (or its lock could not be taken);
 * nothing was changed on any host. The message names the holder, its command and its age.
 */
public final class DeployLockedException extends RuntimeException {

    public DeployLockedException(String message) {
        super(message);
    }
}
