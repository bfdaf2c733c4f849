package dev.steward.module;

import dev.steward.remote.BecomeException;
import dev.steward.transport.TransportException;

/**
 * A module plans from what it probes: it asks the host read-only questions and answers with a
 * {@link Plan}. The engine applies the plan's action unless it runs in check mode, so a module
 * cannot forget check mode, and cannot change anything while it probes.
 */
public interface Module {

    String name();

    ModuleSpec spec();

    Plan plan(ModuleCall call) throws ModuleFailure, TransportException, BecomeException, InterruptedException;
}
