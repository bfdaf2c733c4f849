package dev.steward.remote;

/** sudo would not run the command: wrong or missing password, or the user may not use sudo. */
public final class BecomeException extends Exception {

    public BecomeException(String message) {
        super(message);
    }
}
