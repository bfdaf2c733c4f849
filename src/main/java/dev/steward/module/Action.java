package dev.steward.module;

import dev.steward.remote.Apply;
import dev.steward.remote.BecomeException;
import dev.steward.transport.TransportException;

/** The part of a plan that changes the host; only the engine calls it, and never in check mode. */
@FunctionalInterface
public interface Action {

    Result apply(Apply host) throws ModuleFailure, TransportException, BecomeException, InterruptedException;
}
