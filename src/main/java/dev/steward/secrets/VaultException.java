package dev.steward.secrets;

/**
 * A vault that cannot be opened or written, with a message meant for the operator (never a stack
 * trace, never the password or the plaintext).
 */
public final class VaultException extends RuntimeException {

    /** Why: decides the exit code of {@code steward vault}. */
    public enum Kind {
        /** The password is wrong, or the file was changed: authentication failed. */
        WRONG_PASSWORD,
        /** The file is not a vault this version can read, or is damaged beyond authentication. */
        FORMAT,
        /** No password could be had: no file was given and there is no terminal to ask on. */
        NO_PASSWORD,
        /** A file could not be read, written, or an editor or password script failed. */
        IO
    }

    public static final String WRONG_PASSWORD_MESSAGE = "the vault password is wrong or the file was changed";

    private final Kind kind;

    public VaultException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    static VaultException wrongPassword() {
        return new VaultException(Kind.WRONG_PASSWORD, WRONG_PASSWORD_MESSAGE);
    }

    public Kind kind() {
        return kind;
    }
}
