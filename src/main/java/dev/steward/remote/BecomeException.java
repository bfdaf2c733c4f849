package dev.steward.remote;

public final class BecomeException extends Exception {
    public BecomeException(String message) {
        super(message);
    }
}
