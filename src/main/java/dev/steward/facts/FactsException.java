package dev.steward.facts;

/** Facts could not be gathered on a host (the host answered, but the probe failed). */
public final class FactsException extends Exception {
    public FactsException(String message) {
        super(message);
    }
}
