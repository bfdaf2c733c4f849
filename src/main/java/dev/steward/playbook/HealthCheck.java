package dev.steward.playbook;

import dev.steward.source.SourceLocation;
import java.util.List;
import java.util.Optional;

/**
 * A play's {@code health_check}: the gate each batch must pass before the next one starts. One
 * probe — an HTTP request, a TCP port (open, or refused), or a command — run from each host of the
 * batch or from the controller, until it passes {@code successes} times in a row, polling every
 * {@code intervalSeconds}, for at most {@code timeoutSeconds}. Strings may hold {@code ${…}},
 * rendered per host.
 */
public record HealthCheck(Probe probe, boolean fromController, int intervalSeconds, int timeoutSeconds,
        int successes, SourceLocation location) {

    /** What is checked. */
    public sealed interface Probe permits Http, Tcp, Command {
        String describe();
    }

    /** @param statuses the statuses that pass (default 200); @param body a regular expression the body must match */
    public record Http(String url, List<Integer> statuses, Optional<String> body) implements Probe {
        @Override
        public String describe() {
            return "GET " + url + " answers " + statuses + body.map(b -> " with a body matching /" + b + "/").orElse("");
        }
    }

    /** @param open true: the port must accept connections; false: it must refuse them */
    public record Tcp(String host, String port, boolean open) implements Probe {
        @Override
        public String describe() {
            return host + ":" + port + (open ? " accepts connections" : " refuses connections");
        }
    }

    public record Command(String command) implements Probe {
        @Override
        public String describe() {
            return "`" + command + "` exits 0";
        }
    }
}
