package dev.steward.module;

import dev.steward.remote.Probe;

/** One call of a module on one host: its rendered arguments, the host to probe, and the run around it. */
public record ModuleCall(Args args, Probe probe, ModuleContext context) {
}
