package dev.steward.health;

import dev.steward.exec.Connector;
import dev.steward.inventory.Host;
import dev.steward.inventory.Inventory;
import dev.steward.remote.Apply;
import dev.steward.remote.Become;
import dev.steward.remote.BecomeException;
import dev.steward.remote.CommandResult;
import dev.steward.remote.HostSession;
import dev.steward.report.Redactor;
import dev.steward.transport.TransportException;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs the read-only probes of {@code steward health} on each host over the same connections
 * {@code play} uses (a {@link Connector}), a few hosts at once, then applies the pair rule to the
 * {@code chainlink} group. Nothing is changed on any host; no detail carries a known secret.
 *
 * <p>Variables read: {@code db_host}, {@code db_port} (default 5432), {@code chainlink_chains}
 * ({@code nodes: [{name, http, ws}]}), {@code chainlink_node_address} (the node wallet; its balance is
 * checked when set) and {@code min_eth_balance} (in ETH; a lower balance warns); on every host
 * {@code health_disk_paths} (the mounts whose free space is checked, default {@code [/]}),
 * {@code health_disk_warn_percent} and {@code health_disk_fail_percent} (free space below them warns,
 * fails; default 15 and 5), {@code health_load_warn_per_cpu} and {@code health_load_fail_per_cpu} (the
 * 5-minute load per CPU above them warns, fails; default 1 and 2).
 */
public final class HealthRunner {

    public static final String CHAINLINK = "chainlink";
    public static final String POSTGRES = "postgres";
    public static final String ETH = "eth";
    public static final String ADDRESS_VAR = "chainlink_node_address";
    public static final String MIN_BALANCE_VAR = "min_eth_balance";
    public static final String DISK_PATHS_VAR = "health_disk_paths";
    public static final String DISK_WARN_VAR = "health_disk_warn_percent";
    public static final String DISK_FAIL_VAR = "health_disk_fail_percent";
    public static final String LOAD_WARN_VAR = "health_load_warn_per_cpu";
    public static final String LOAD_FAIL_VAR = "health_load_fail_per_cpu";

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    private final Inventory inventory;
    private final Connector connector;
    private final Redactor redactor;
    private final int forks;

    public HealthRunner(Inventory inventory, Connector connector, Redactor redactor, int forks) {
        this.inventory = inventory;
        this.connector = connector;
        this.redactor = redactor;
        this.forks = Math.max(1, forks);
    }

    /** Probes {@code hosts} (in inventory order) and returns every row, the pair rule's last. */
    public HealthReport run(List<Host> hosts) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(forks, Math.max(1, hosts.size())));
        List<HostOutcome> outcomes = new ArrayList<>();
        try {
            List<Future<HostOutcome>> futures = new ArrayList<>();
            for (Host h : hosts) {
                futures.add(pool.submit(() -> probe(h)));
            }
            for (Future<HostOutcome> f : futures) {
                try {
                    outcomes.add(f.get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException("health probe failed unexpectedly", e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        List<CheckRow> rows = new ArrayList<>();
        List<String> unreachable = new ArrayList<>();
        Map<String, LeaseRole> roles = new LinkedHashMap<>();
        for (HostOutcome o : outcomes) {
            rows.addAll(o.rows());
            if (o.unreachable()) {
                unreachable.add(o.host());
            }
            o.role().ifPresent(r -> roles.put(o.host(), r));
        }
        List<Host> nodes = inventory.select(CHAINLINK);
        if (hosts.stream().anyMatch(h -> isIn(h, CHAINLINK))) {
            List<String> unchecked = nodes.stream().map(Host::name).filter(n -> !roles.containsKey(n)).toList();
            rows.add(PairRule.evaluate(CHAINLINK, roles, unchecked));
        }
        List<CheckRow> safe = rows.stream()
                .map(r -> new CheckRow(r.host(), r.check(), r.status(), redactor.redact(r.detail()))).toList();
        return new HealthReport(safe, unreachable);
    }

    private record HostOutcome(String host, List<CheckRow> rows, boolean unreachable, Optional<LeaseRole> role) {
    }

    /** A connection that dropped in the middle: the host's remaining checks are unknown. */
    private static final class Lost extends Exception {
        Lost(String message) {
            super(message);
        }
    }

    private HostOutcome probe(Host host) throws InterruptedException {
        String name = host.name();
        List<CheckRow> rows = new ArrayList<>();
        HostSession session;
        try {
            session = new HostSession(name, connector.connect(host));
        } catch (TransportException e) {
            rows.add(CheckRow.fail(name, "ssh", "unreachable: " + e.getMessage()));
            return new HostOutcome(name, rows, true, Optional.empty());
        }
        Optional<LeaseRole> role = Optional.empty();
        try (session) {
            rows.add(CheckRow.ok(name, "ssh", "connected as " + host.ssh().user()));
            Apply plain = session.view(Optional.empty(), COMMAND_TIMEOUT);
            Apply root = session.view(Optional.of(new Become("root", host.ssh().becomePassword())), COMMAND_TIMEOUT);
            Map<String, Object> vars = inventory.varsFor(name);
            for (Probes.DiskLimits disk : diskLimits(vars, rows, name)) {
                rows.add(Probes.disk(name, disk, run(plain, disk.command())));
            }
            rows.add(Probes.memory(name, run(plain, Probes.MEMORY)));
            rows.add(loadRow(name, vars, run(plain, Probes.LOAD)));
            if (isIn(host, CHAINLINK)) {
                role = Optional.of(chainlink(name, vars, plain, root, rows));
            }
            if (isIn(host, POSTGRES)) {
                int port = port(vars.get("db_port"));
                rows.add(Probes.pgIsReady(name, port, run(plain, Probes.pgIsReady(port))));
            }
            if (isIn(host, ETH)) {
                rows.add(Probes.blockNumber(name, run(plain, Probes.ETH_BLOCK_NUMBER)));
            }
        } catch (Lost e) {
            rows.add(CheckRow.fail(name, "ssh", "connection lost: " + e.getMessage()));
            return new HostOutcome(name, rows, true, Optional.empty());
        }
        return new HostOutcome(name, rows, false, role);
    }

    /** The mounts to check and their thresholds; a bad setting is a failed row naming it. */
    private static List<Probes.DiskLimits> diskLimits(Map<String, Object> vars, List<CheckRow> rows, String host) {
        double warn;
        double fail;
        try {
            warn = percentVar(vars, DISK_WARN_VAR, Probes.DISK_WARN_PERCENT);
            fail = percentVar(vars, DISK_FAIL_VAR, Probes.DISK_FAIL_PERCENT);
        } catch (NumberFormatException e) {
            rows.add(CheckRow.fail(host, "disk", e.getMessage()));
            return List.of();
        }
        Object paths = vars.get(DISK_PATHS_VAR);
        List<String> list = paths == null ? List.of("/")
                : paths instanceof List<?> l ? l.stream().map(String::valueOf).map(String::strip).toList()
                : List.of(String.valueOf(paths).strip());
        List<Probes.DiskLimits> out = new ArrayList<>();
        for (String p : list) {
            if (!p.startsWith("/")) {
                rows.add(CheckRow.fail(host, "disk:" + p, DISK_PATHS_VAR + ": '" + p + "' is not an absolute path"));
            } else {
                out.add(new Probes.DiskLimits(p, warn, fail));
            }
        }
        return out;
    }

    private static CheckRow loadRow(String host, Map<String, Object> vars, CommandResult r) {
        try {
            return Probes.load(host, numberVar(vars, LOAD_WARN_VAR, Probes.LOAD_WARN_PER_CPU, Double.MAX_VALUE),
                    numberVar(vars, LOAD_FAIL_VAR, Probes.LOAD_FAIL_PER_CPU, Double.MAX_VALUE), r);
        } catch (NumberFormatException e) {
            return CheckRow.fail(host, "load", e.getMessage());
        }
    }

    private static double percentVar(Map<String, Object> vars, String name, double otherwise) {
        return numberVar(vars, name, otherwise, 100);
    }

    /** A number from 0 to {@code max} in {@code name}, or {@code otherwise} when unset. */
    private static double numberVar(Map<String, Object> vars, String name, double otherwise, double max) {
        Object v = vars.get(name);
        if (v == null || String.valueOf(v).isBlank()) {
            return otherwise;
        }
        try {
            double d = Double.parseDouble(String.valueOf(v).strip());
            if (d >= 0 && d <= max) {
                return d;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new NumberFormatException(name + " is not a number" + (max == 100 ? " between 0 and 100" : " ≥ 0")
                + ": " + v);
    }

    private LeaseRole chainlink(String name, Map<String, Object> vars, Apply plain, Apply root, List<CheckRow> rows)
            throws Lost, InterruptedException {
        CheckRow container = Probes.container(name, run(root, Probes.CONTAINER));
        rows.add(container);
        Probes.Lease lease = Probes.lease(name, container.status() == Status.OK, run(plain, Probes.NODE_HEALTH));
        rows.add(lease.row());

        Object dbHost = vars.get("db_host");
        int dbPort = port(vars.get("db_port"));
        if (dbHost == null || String.valueOf(dbHost).isBlank()) {
            rows.add(CheckRow.fail(name, "db_reachable", "db_host is not set"));
        } else if (!Probes.validHostName(String.valueOf(dbHost))) {
            rows.add(CheckRow.fail(name, "db_reachable", "db_host is not a host name or address"));
        } else {
            Probes.Endpoint db = new Probes.Endpoint(String.valueOf(dbHost), dbPort);
            rows.add(Probes.tcp(name, "db_reachable", "PostgreSQL", db,
                    run(plain, Probes.tcpConnect(db.host(), db.port()))));
        }

        Optional<RpcNode> firstHttp = Optional.empty();
        for (RpcNode rpc : rpcNodes(vars.get("chainlink_chains"))) {
            if (firstHttp.isEmpty() && rpc.kind().equals("http")) {
                firstHttp = Optional.of(rpc);
            }
            String check = "rpc:" + rpc.chain() + ":" + rpc.name() + ":" + rpc.kind();
            Optional<Probes.Endpoint> to = Probes.endpoint(rpc.url());
            if (to.isEmpty()) {
                rows.add(CheckRow.fail(name, check, "not a URL with a host and a port"));
                continue;
            }
            rows.add(Probes.tcp(name, check, rpc.name() + " " + rpc.kind(), to.get(),
                    run(plain, Probes.tcpConnect(to.get().host(), to.get().port()))));
        }

        Object address = vars.get(ADDRESS_VAR);
        if (address != null && !String.valueOf(address).isBlank()) {
            rows.add(balance(name, String.valueOf(address).strip(), vars.get(MIN_BALANCE_VAR), firstHttp, plain));
        }
        return lease.role();
    }

    private CheckRow balance(String name, String address, Object min, Optional<RpcNode> rpc, Apply plain)
            throws Lost, InterruptedException {
        if (!Probes.validAddress(address)) {
            return CheckRow.fail(name, "balance", ADDRESS_VAR + " is not an address (0x and 40 hex digits)");
        }
        Optional<BigDecimal> minimum;
        try {
            minimum = min == null || String.valueOf(min).isBlank() ? Optional.empty()
                    : Optional.of(new BigDecimal(String.valueOf(min).strip()));
        } catch (NumberFormatException e) {
            return CheckRow.fail(name, "balance", MIN_BALANCE_VAR + " is not a number of ETH");
        }
        if (rpc.isEmpty()) {
            return CheckRow.fail(name, "balance", "no RPC node with an http URL in chainlink_chains");
        }
        String config = Probes.jsonRpcConfig(rpc.get().url(), "eth_getBalance", Probes.balanceParams(address));
        CommandResult r = run(plain, Probes.JSON_RPC, config);
        return Probes.balance(name, address, minimum, rpc.get().name(), r);
    }

    /** One RPC URL of {@code chainlink_chains}: chain ID, node name, {@code http} or {@code ws}. */
    public record RpcNode(String chain, String name, String kind, String url) {
    }

    public static List<RpcNode> rpcNodes(Object chains) {
        List<RpcNode> out = new ArrayList<>();
        if (!(chains instanceof List<?> list)) {
            return out;
        }
        for (Object c : list) {
            if (!(c instanceof Map<?, ?> chain) || !(chain.get("nodes") instanceof List<?> nodes)) {
                continue;
            }
            String id = String.valueOf(chain.get("chain_id"));
            for (Object n : nodes) {
                if (!(n instanceof Map<?, ?> node)) {
                    continue;
                }
                String nodeName = String.valueOf(node.get("name"));
                for (String kind : List.of("http", "ws")) {
                    Object url = node.get(kind);
                    if (url != null && !String.valueOf(url).isBlank()) {
                        out.add(new RpcNode(id, nodeName, kind, String.valueOf(url).strip()));
                    }
                }
            }
        }
        return out;
    }

    private boolean isIn(Host host, String group) {
        return inventory.groupNamesOf(host.name()).contains(group);
    }

    private static int port(Object value) {
        if (value == null) {
            return 5432;
        }
        try {
            return Integer.parseInt(String.valueOf(value).strip());
        } catch (NumberFormatException e) {
            return 5432;
        }
    }

    private static CommandResult run(Apply view, String command) throws Lost, InterruptedException {
        return run(view, command, null);
    }

    private static CommandResult run(Apply view, String command, String stdin) throws Lost, InterruptedException {
        try {
            return stdin == null ? view.query(command)
                    : view.query(command, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        } catch (TransportException e) {
            throw new Lost(e.getMessage());
        } catch (BecomeException e) {
            return new CommandResult(1, "", "sudo: " + e.getMessage(), false);
        }
    }
}
