package dev.steward.reach;

import dev.steward.remote.ShellQuote;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Tests TCP connections from a host in one round trip: bash's {@code /dev/tcp} under
 * {@code timeout}, every target at once, each answering {@code ADDRESS PORT open|refused|timeout}.
 * A firewall that drops shows as a timeout, one that rejects (or a port nobody listens on) as refused.
 */
public final class ReachProbe {

    public static final int TIMEOUT_SECONDS = 3;

    private ReachProbe() {
    }

    public static String command(List<Path> paths) {
        String targets = paths.stream().map(p -> ShellQuote.quote(p.address()) + " " + p.port()).distinct()
                .collect(Collectors.joining(" "));
        String script = "c() { timeout " + TIMEOUT_SECONDS + " bash -c \"exec 3<>/dev/tcp/$1/$2\" 2>/dev/null; r=$?; "
                + "if [ $r -eq 0 ]; then echo \"$1 $2 open\"; elif [ $r -eq 124 ]; then echo \"$1 $2 timeout\"; "
                + "else echo \"$1 $2 refused\"; fi; }; while [ $# -ge 2 ]; do c \"$1\" \"$2\" & shift 2; done; wait";
        return "bash -c " + ShellQuote.quote(script) + " reach " + targets;
    }

    /** What each {@code address:port} answered; a missing one reads as "unknown". */
    public static Map<String, String> parse(String stdout) {
        Map<String, String> out = new HashMap<>();
        for (String line : stdout.split("\n")) {
            String[] f = line.strip().split(" ");
            if (f.length == 3) {
                out.put(f[0] + ":" + f[1], f[2]);
            }
        }
        return out;
    }
}
