package dev.steward.lab;

/** A lab operation failed; the message says what went wrong and what to do next. */
public final class LabException extends RuntimeException {

    public LabException(String message) {
        super(message);
    }

    public LabException(String message, Throwable cause) {
        super(message, cause);
    }
}
