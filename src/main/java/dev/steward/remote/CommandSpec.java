package dev.steward.remote;

import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;

public record CommandSpec(String commandLine, InputStream stdin, Optional<Become> become, Duration timeout) {
}
