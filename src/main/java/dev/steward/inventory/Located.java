package dev.steward.inventory;

import dev.steward.source.SourceLocation;

/** A value read from the inventory and where it was written, for "defined twice" messages. */
record Located<T>(T value, SourceLocation where) {
}
