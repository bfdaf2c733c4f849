package dev.steward.transport.ssh;

import dev.steward.transport.TransportException;

/** Why a host key was refused, kept by the verifier so the transport can report it after sshj gives up. */
record HostKeyRejection(TransportException.Reason reason, String message) {

    TransportException toException(Throwable cause) {
        return new TransportException(reason, message, cause);
    }
}
