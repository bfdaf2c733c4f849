package dev.steward.reach;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The stack's network policy, the one source of truth that {@code playbooks/firewall.yml} turns into
 * ufw rules (through the {@code firewall_policy} module) and {@code steward reach} tests: which host
 * opens which port to whom, from the host's group membership and a few variables.
 *
 * <ul>
 *   <li>every host: SSH ({@code firewall_ssh_port}, default 22) from anyone;</li>
 *   <li>chainlink: {@code chainlink_p2p_port} (when set) from the other chainlink hosts; 6688, the
 *       operator UI, closed to every other host (reach it through an SSH tunnel);</li>
 *   <li>postgres: {@code db_port} (default 5432) from the chainlink hosts only;</li>
 *   <li>eth: 8545 and 8546 (JSON-RPC over HTTP and WebSocket) from the chainlink hosts only, 30303 (P2P,
 *       TCP and UDP) from anyone;</li>
 *   <li>vpn: {@code vpn_port} (default 1194) over {@code vpn_proto} (default udp) from anyone;</li>
 *   <li>with a monitor group (monitoring.yml): every host's node_exporter (9100), and on the chainlink hosts
 *       the proxy of the node's /metrics ({@code chainlink_metrics_port}, default 6689), from the monitor
 *       hosts only.</li>
 * </ul>
 * Everything else incoming is denied.
 */
public final class StackFirewall {

    public static final String CHAINLINK = "chainlink";
    public static final String POSTGRES = "postgres";
    public static final String ETH = "eth";
    public static final String VPN = "vpn";
    public static final String MONITOR = "monitor";
    /** node_exporter's port (Debian's prometheus-node-exporter). */
    public static final int NODE_EXPORTER = 9100;
    /** The default port of monitoring.yml's proxy of the node's /metrics ({@code chainlink_metrics_port}). */
    public static final int CHAINLINK_METRICS = 6689;
    /** The operator UI's port, which must never be reachable from another host. */
    public static final int OPERATOR_UI = 6688;

    /** The variables the policy reads (besides {@code groups}), for a module that evaluates them one by one. */
    public static final List<String> VARIABLES = List.of("groups", "firewall_ssh_port", "chainlink_p2p_port", "db_port",
            "vpn_port", "vpn_proto", "chainlink_metrics_port");

    private StackFirewall() {
    }

    /** What {@code host} opens, from its variables ({@code groups} and the ones in {@link #VARIABLES}). */
    public static List<Opening> openings(String host, Map<String, Object> vars) {
        Map<String, List<String>> groups = groups(vars.get("groups"));
        List<Opening> out = new ArrayList<>();
        out.add(new Opening(number(vars, "firewall_ssh_port").orElse(22), "tcp", Optional.empty(), "ssh"));
        List<String> nodes = groups.getOrDefault(CHAINLINK, List.of());
        if (nodes.contains(host)) {
            number(vars, "chainlink_p2p_port").filter(p -> p > 0).ifPresent(p -> out.add(new Opening(p, "tcp",
                    Optional.of(nodes.stream().filter(n -> !n.equals(host)).toList()), "chainlink p2p")));
        }
        if (groups.getOrDefault(POSTGRES, List.of()).contains(host)) {
            out.add(new Opening(number(vars, "db_port").orElse(5432), "tcp", Optional.of(nodes), "postgres"));
        }
        if (groups.getOrDefault(ETH, List.of()).contains(host)) {
            out.add(new Opening(8545, "tcp", Optional.of(nodes), "eth rpc http"));
            out.add(new Opening(8546, "tcp", Optional.of(nodes), "eth rpc ws"));
            out.add(new Opening(30303, "tcp", Optional.empty(), "eth p2p"));
            out.add(new Opening(30303, "udp", Optional.empty(), "eth p2p"));
        }
        if (groups.getOrDefault(VPN, List.of()).contains(host)) {
            Object proto = vars.get("vpn_proto");
            out.add(new Opening(number(vars, "vpn_port").orElse(1194), proto == null ? "udp" : proto.toString(),
                    Optional.empty(), "openvpn"));
        }
        List<String> monitors = groups.getOrDefault(MONITOR, List.of());
        if (!monitors.isEmpty()) {
            out.add(new Opening(NODE_EXPORTER, "tcp", Optional.of(monitors), "node_exporter"));
            if (nodes.contains(host)) {
                out.add(new Opening(number(vars, "chainlink_metrics_port").orElse(CHAINLINK_METRICS), "tcp", Optional.of(monitors),
                        "chainlink metrics"));
            }
        }
        return out;
    }

    /** TCP ports of {@code host} that no other host may reach, whatever listens there. */
    public static List<Integer> closed(String host, Map<String, Object> vars) {
        return groups(vars.get("groups")).getOrDefault(CHAINLINK, List.of()).contains(host) ? List.of(OPERATOR_UI)
                : List.of();
    }

    private static Map<String, List<String>> groups(Object value) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                if (v instanceof List<?> l) {
                    out.put(String.valueOf(k), l.stream().map(String::valueOf).toList());
                }
            });
        }
        return out;
    }

    private static Optional<Integer> number(Map<String, Object> vars, String name) {
        Object v = vars.get(name);
        if (v == null || v.toString().isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BigDecimal(v.toString().strip()).intValueExact());
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number, not '" + v + "'");
        }
    }
}
