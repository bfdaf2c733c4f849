package dev.steward.lock;

/**
 * How a run treats the deploy lock.
 *
 * @param enabled false only where no host is really changed (engine tests with scripted hosts)
 * @param command what the lock file says this run is, e.g. {@code play playbooks/site.yml}
 * @param breakLock remove a lock another run left (a crashed or killed run), saying whose it was
 */
public record LockOptions(boolean enabled, String command, boolean breakLock) {

    public static final LockOptions NONE = new LockOptions(false, "", false);

    public static LockOptions of(String command, boolean breakLock) {
        return new LockOptions(true, command, breakLock);
    }
}
