package dev.steward.transport;

/** Why a host could not be reached or a command could not be run; every reason means "unreachable". */
public final class TransportException extends Exception {

    public enum Reason {
        CONNECT_FAILED, AUTH_FAILED, HOST_KEY_UNKNOWN, HOST_KEY_CHANGED, DISCONNECTED, TIMEOUT
    }

    private final Reason reason;

    public TransportException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public TransportException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
