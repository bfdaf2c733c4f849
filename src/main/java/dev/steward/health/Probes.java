package dev.steward.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.remote.CommandResult;
import dev.steward.remote.ShellQuote;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The read-only commands {@code steward health} runs on a host, and how their output becomes a row. */
final class Probes {

    /** Free space on / below these percentages warns, then fails. */
    static final double DISK_WARN_PERCENT = 15;
    static final double DISK_FAIL_PERCENT = 5;
    /** Available memory below these percentages of the total warns, then fails. */
    static final double MEMORY_WARN_PERCENT = 10;
    static final double MEMORY_FAIL_PERCENT = 5;
    /** The 5-minute load average per CPU above these warns, then fails. */
    static final double LOAD_WARN_PER_CPU = 1.0;
    static final double LOAD_FAIL_PER_CPU = 2.0;

    static final String DISK = "df -P /";
    static final String MEMORY = "cat /proc/meminfo";
    static final String LOAD = "cat /proc/loadavg && nproc";
    /** Run with sudo: the operator user need not be in the docker group. */
    static final String CONTAINER = "docker inspect --format '{{.State.Status}}' chainlink";
    /** Body, then a line with the HTTP status; curl exits 7 when the port refuses. */
    static final String NODE_HEALTH = "curl -sS --max-time 5 -w '\\n%{http_code}' http://127.0.0.1:6688/health";
    /** Reads its URL and request from stdin (curl -K -): an RPC URL's API key stays off the command line. */
    static final String JSON_RPC = "curl -sS --max-time 10 -K -";
    static final String ETH_BLOCK_NUMBER = "curl -sS --max-time 5 -H 'Content-Type: application/json' -d "
            + "'{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_blockNumber\",\"params\":[]}' http://127.0.0.1:8545";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9._:-]+");
    private static final BigDecimal WEI_PER_ETH = new BigDecimal("1000000000000000000");
    private static final int CURL_REFUSED = 7;
    /**
     * curl's "empty reply" and "connection reset". When Docker publishes 6688, docker-proxy accepts the
     * connection and then drops it because nothing listens inside: that is how a standby answers there.
     */
    private static final List<Integer> CURL_DROPPED = List.of(52, 56);

    private Probes() {
    }

    static String pgIsReady(int port) {
        return "pg_isready -p " + port;
    }

    /** A TCP connect from this host with bash's /dev/tcp, given 5 seconds. */
    static String tcpConnect(String host, int port) {
        return "timeout 5 bash -c " + ShellQuote.quote("</dev/tcp/" + host + "/" + port);
    }

    static boolean validHostName(String host) {
        return HOST_NAME.matcher(host).matches();
    }

    /**
     * Free space on one mount against thresholds (percent free).
     *
     * @param path the mount's path; its row is {@code disk} for {@code /}, else {@code disk:PATH}
     */
    record DiskLimits(String path, double warnPercent, double failPercent) {

        static final DiskLimits ROOT = new DiskLimits("/", DISK_WARN_PERCENT, DISK_FAIL_PERCENT);

        String check() {
            return path.equals("/") ? "disk" : "disk:" + path;
        }

        String command() {
            return path.equals("/") ? DISK : "df -P " + ShellQuote.quote(path);
        }
    }

    static CheckRow disk(String host, CommandResult r) {
        return disk(host, DiskLimits.ROOT, r);
    }

    static CheckRow disk(String host, DiskLimits limits, CommandResult r) {
        String check = limits.check();
        if (!r.succeeded()) {
            return failed(host, check, "df", r);
        }
        String[] lines = r.stdout().strip().split("\\R");
        String[] f = lines[lines.length - 1].trim().split("\\s+");
        try {
            long used = Long.parseLong(f[2]);
            long avail = Long.parseLong(f[3]);
            double free = used + avail == 0 ? 0 : avail * 100.0 / (used + avail);
            String detail = String.format(Locale.ROOT, "%.1f%% free on %s (%s available)", free, limits.path(),
                    kib(avail));
            return graded(host, check, free < limits.failPercent(), free < limits.warnPercent(), detail,
                    String.format(Locale.ROOT, " (warn below %s%%, fail below %s%%)", percent(limits.warnPercent()),
                            percent(limits.failPercent())));
        } catch (RuntimeException e) {
            return CheckRow.fail(host, check, "cannot read df's output");
        }
    }

    private static String percent(double p) {
        return new BigDecimal(p).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    static CheckRow memory(String host, CommandResult r) {
        String check = "memory";
        if (!r.succeeded()) {
            return failed(host, check, "/proc/meminfo", r);
        }
        Optional<Long> total = meminfo(r.stdout(), "MemTotal");
        Optional<Long> available = meminfo(r.stdout(), "MemAvailable");
        if (total.isEmpty() || available.isEmpty() || total.get() == 0) {
            return CheckRow.fail(host, check, "no MemTotal/MemAvailable in /proc/meminfo");
        }
        double free = available.get() * 100.0 / total.get();
        String detail = String.format(Locale.ROOT, "%.1f%% available (%s of %s)", free, kib(available.get()),
                kib(total.get()));
        return graded(host, check, free < MEMORY_FAIL_PERCENT, free < MEMORY_WARN_PERCENT, detail,
                String.format(Locale.ROOT, " (warn below %.0f%%, fail below %.0f%%)", MEMORY_WARN_PERCENT,
                        MEMORY_FAIL_PERCENT));
    }

    static CheckRow load(String host, CommandResult r) {
        return load(host, LOAD_WARN_PER_CPU, LOAD_FAIL_PER_CPU, r);
    }

    static CheckRow load(String host, double warnPerCpu, double failPerCpu, CommandResult r) {
        String check = "load";
        if (!r.succeeded()) {
            return failed(host, check, "/proc/loadavg", r);
        }
        String[] lines = r.stdout().strip().split("\\R");
        try {
            double load5 = Double.parseDouble(lines[0].trim().split("\\s+")[1]);
            int cpus = Integer.parseInt(lines[1].trim());
            double perCpu = load5 / Math.max(cpus, 1);
            String detail = String.format(Locale.ROOT, "5-minute load %.2f on %d CPU%s (%.2f per CPU)", load5, cpus,
                    cpus == 1 ? "" : "s", perCpu);
            return graded(host, check, perCpu > failPerCpu, perCpu > warnPerCpu, detail,
                    String.format(Locale.ROOT, " (warn above %.1f, fail above %.1f per CPU)", warnPerCpu, failPerCpu));
        } catch (RuntimeException e) {
            return CheckRow.fail(host, check, "cannot read /proc/loadavg and nproc");
        }
    }

    /** Whether the node's container runs; {@code docker inspect} prints its state. */
    static CheckRow container(String host, CommandResult r) {
        String check = "container";
        String state = r.stdout().strip();
        if (r.succeeded() && state.equals("running")) {
            return CheckRow.ok(host, check, "container chainlink is running");
        }
        if (r.succeeded()) {
            return CheckRow.fail(host, check, "container chainlink is " + (state.isEmpty() ? "in no state" : state));
        }
        if (r.stderr().contains("No such object") || r.stderr().contains("No such container")) {
            return CheckRow.fail(host, check, "no container named chainlink");
        }
        return failed(host, check, "docker inspect", r);
    }

    /** The role 6688 shows, and the lease row: a holder whose /health says 503 fails, naming the failing checks. */
    record Lease(LeaseRole role, CheckRow row) {
    }

    static Lease lease(String host, boolean containerRunning, CommandResult r) {
        String check = "lease";
        if (r.exitCode() == CURL_REFUSED || CURL_DROPPED.contains(r.exitCode())) {
            if (!containerRunning) {
                return new Lease(LeaseRole.DOWN, CheckRow.fail(host, check, "down: 6688 refuses and the container is not running"));
            }
            return new Lease(LeaseRole.STANDBY, CheckRow.ok(host, check, "standby (6688 refuses)"));
        }
        if (!r.succeeded()) {
            return new Lease(LeaseRole.DOWN, failed(host, check, "curl 127.0.0.1:6688/health", r));
        }
        String out = r.stdout();
        int nl = out.lastIndexOf('\n');
        String code = (nl < 0 ? out : out.substring(nl + 1)).strip();
        String body = nl < 0 ? "" : out.substring(0, nl);
        if (code.equals("200")) {
            return new Lease(LeaseRole.HOLDER, CheckRow.ok(host, check, "holder; /health 200"));
        }
        List<String> failing = failingChecks(body);
        String named = failing.isEmpty() ? "" : ": failing " + summarize(failing, 5);
        return new Lease(LeaseRole.HOLDER, CheckRow.fail(host, check, "holder; /health " + code + named));
    }

    /** The names of the checks a Chainlink /health body reports as anything but passing. */
    static List<String> failingChecks(String body) {
        List<String> names = new ArrayList<>();
        try {
            JsonNode data = JSON.readTree(body).path("data");
            for (JsonNode c : data) {
                JsonNode attributes = c.path("attributes");
                String status = attributes.path("status").asText("");
                if (!status.equals("passing")) {
                    String name = attributes.path("name").asText(c.path("id").asText("?"));
                    names.add(name);
                }
            }
        } catch (Exception e) {
            // not JSON: the status code alone says it
        }
        return names;
    }

    /** The parts of an RPC URL a TCP check needs; the path (where providers put API keys) is left out. */
    record Endpoint(String host, int port) {
        @Override
        public String toString() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    static Optional<Endpoint> endpoint(String url) {
        try {
            URI uri = new URI(url);
            String scheme = Optional.ofNullable(uri.getScheme()).orElse("").toLowerCase(Locale.ROOT);
            String host = uri.getHost();
            if (host == null) {
                return Optional.empty();
            }
            host = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
            int port = uri.getPort();
            if (port < 0) {
                port = switch (scheme) {
                    case "http", "ws" -> 80;
                    case "https", "wss" -> 443;
                    default -> -1;
                };
            }
            return port < 0 || !validHostName(host) ? Optional.empty() : Optional.of(new Endpoint(host, port));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    static CheckRow tcp(String host, String check, String what, Endpoint to, CommandResult r) {
        if (r.succeeded()) {
            return CheckRow.ok(host, check, what + " " + to + " reachable");
        }
        if (r.exitCode() == 124) {
            return CheckRow.fail(host, check, what + " " + to + ": no answer within 5 s (filtered?)");
        }
        String why = firstLine(r.stderr());
        return CheckRow.fail(host, check, what + " " + to + " not reachable"
                + (why.contains("refused") ? ": connection refused" : why.isEmpty() ? "" : ": " + shorten(why)));
    }

    static boolean validAddress(String address) {
        return ADDRESS.matcher(address).matches();
    }

    /** curl's config (read from stdin) for one JSON-RPC call. */
    static String jsonRpcConfig(String url, String method, String params) {
        String data = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}";
        return "url = " + curlQuoted(url) + "\nheader = \"Content-Type: application/json\"\ndata = "
                + curlQuoted(data) + "\n";
    }

    static String balanceParams(String address) {
        return "[\"" + address + "\",\"latest\"]";
    }

    /** The wallet's balance in ETH against the minimum (no minimum: any balance is ok). */
    static CheckRow balance(String host, String address, Optional<BigDecimal> minimum, String rpcName, CommandResult r) {
        String check = "balance";
        if (!r.succeeded()) {
            return failed(host, check, "eth_getBalance via " + rpcName, r);
        }
        Optional<BigInteger> wei = jsonRpcQuantity(r.stdout());
        if (wei.isEmpty()) {
            return CheckRow.fail(host, check, "eth_getBalance via " + rpcName + " gave no result"
                    + jsonRpcError(r.stdout()).map(e -> ": " + e).orElse(""));
        }
        BigDecimal eth = new BigDecimal(wei.get()).divide(WEI_PER_ETH, 6, RoundingMode.DOWN).stripTrailingZeros();
        String detail = address + " holds " + eth.toPlainString() + " ETH";
        if (minimum.isPresent() && eth.compareTo(minimum.get()) < 0) {
            return CheckRow.warn(host, check, detail + " (below min_eth_balance " + minimum.get().toPlainString() + ")");
        }
        return CheckRow.ok(host, check, detail + minimum.map(m -> " (min_eth_balance " + m.toPlainString() + ")")
                .orElse(""));
    }

    static CheckRow blockNumber(String host, CommandResult r) {
        String check = "eth_rpc";
        if (!r.succeeded()) {
            return failed(host, check, "eth_blockNumber on 127.0.0.1:8545", r);
        }
        return jsonRpcQuantity(r.stdout())
                .map(n -> CheckRow.ok(host, check, "8545 answers eth_blockNumber: block " + n))
                .orElseGet(() -> CheckRow.fail(host, check, "8545 answered without a block number"
                        + jsonRpcError(r.stdout()).map(e -> ": " + e).orElse("")));
    }

    static CheckRow pgIsReady(String host, int port, CommandResult r) {
        String check = "postgres";
        return switch (r.exitCode()) {
            case 0 -> CheckRow.ok(host, check, "PostgreSQL accepts connections on port " + port);
            case 1 -> CheckRow.fail(host, check, "PostgreSQL rejects connections on port " + port + " (starting up?)");
            case 2 -> CheckRow.fail(host, check, "PostgreSQL does not answer on port " + port);
            case 127 -> CheckRow.fail(host, check, "pg_isready is not installed");
            default -> failed(host, check, "pg_isready", r);
        };
    }

    private static Optional<BigInteger> jsonRpcQuantity(String body) {
        try {
            String hex = JSON.readTree(body).path("result").asText("");
            if (hex.startsWith("0x") && hex.length() > 2) {
                return Optional.of(new BigInteger(hex.substring(2), 16));
            }
        } catch (Exception e) {
            // fall through
        }
        return Optional.empty();
    }

    private static Optional<String> jsonRpcError(String body) {
        try {
            JsonNode error = JSON.readTree(body).path("error");
            return error.isMissingNode() ? Optional.empty() : Optional.of(shorten(error.path("message").asText("error")));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static CheckRow graded(String host, String check, boolean fail, boolean warn, String detail, String limits) {
        if (fail) {
            return CheckRow.fail(host, check, detail + limits);
        }
        return warn ? CheckRow.warn(host, check, detail + limits) : CheckRow.ok(host, check, detail);
    }

    /** A command that did not work: its exit code and the first line it complained with. */
    static CheckRow failed(String host, String check, String what, CommandResult r) {
        String why = firstLine(r.stderr().isBlank() ? r.stdout() : r.stderr());
        String detail = r.exitCode() == 127 ? what + ": command not found"
                : what + " exited " + r.exitCode() + (why.isEmpty() ? "" : ": " + shorten(why));
        return CheckRow.fail(host, check, detail);
    }

    private static Optional<Long> meminfo(String text, String key) {
        Matcher m = Pattern.compile("(?m)^" + key + ":\\s+(\\d+)").matcher(text);
        return m.find() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
    }

    private static String kib(long kib) {
        double gib = kib / 1024.0 / 1024.0;
        return gib >= 1 ? String.format(Locale.ROOT, "%.1f GiB", gib)
                : String.format(Locale.ROOT, "%.0f MiB", kib / 1024.0);
    }

    private static String curlQuoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl).strip();
    }

    private static String shorten(String s) {
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }

    private static String summarize(List<String> names, int max) {
        if (names.size() <= max) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, max)) + " and " + (names.size() - max) + " more";
    }
}
