package dev.steward.check;

import dev.steward.exec.FileLookup;
import dev.steward.inventory.Host;
import dev.steward.inventory.Inventory;
import dev.steward.playbook.Play;
import dev.steward.playbook.Playbook;
import dev.steward.playbook.Task;
import dev.steward.source.Problem;
import dev.steward.source.Problems;
import dev.steward.source.SourceLocation;
import dev.steward.source.YNode;
import dev.steward.source.YamlReader;
import dev.steward.template.TemplateEngine;
import dev.steward.vars.VarSource;
import dev.steward.vars.Vars;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Docker writes its own iptables rules for published ports, which go around the host's firewall
 * (ufw): a compose file that publishes a port on all interfaces opens it to the world whatever the
 * firewall says. So every {@code template} task whose {@code dest} is a compose file
 * ({@code docker-compose*.yml}, {@code compose*.yml}) is rendered as each host of its play would
 * render it (role defaults, inventory, play vars, vars_files, role vars, extra vars; no facts), and a
 * port published on all interfaces ({@code "8080:80"}, {@code "80"}, {@code 0.0.0.0:…},
 * {@code [::]:…}, or the long syntax without {@code host_ip}) is an error unless that host declares
 * the host port public in {@code public_ports} (a list of ports or ranges: {@code [30303, "8000-8010"]}).
 * Services with {@code network_mode: host} publish nothing: the firewall sees their ports.
 *
 * <p>The problem points at the template's line that wrote the entry when the entry is written there
 * literally, else at its {@code ports:} key; a template or destination that cannot be rendered
 * statically (facts, loop items) is not judged here.
 */
public final class PublishedPorts {

    static final String PUBLIC_PORTS = "public_ports";
    private static final Pattern COMPOSE_FILE = Pattern.compile("(docker-)?compose[^/]*\\.ya?ml");
    private static final Pattern RANGE = Pattern.compile("([0-9]{1,5})(?:-([0-9]{1,5}))?");
    private static final SourceLocation EXTRA_VARS = new SourceLocation("--extra-vars", 0, 0);

    private final Inventory inventory;
    private final Map<String, Object> extraVars;
    private final TemplateEngine templates;
    private final Set<Problem> found = new LinkedHashSet<>();
    /** An entry published on all interfaces → the hosts that render it so, reported once. */
    private final Map<Exposure, List<String>> exposed = new LinkedHashMap<>();

    private record Exposure(SourceLocation where, String service, Published entry) {
    }

    public PublishedPorts(Inventory inventory, Map<String, Object> extraVars, TemplateEngine templates) {
        this.inventory = inventory;
        this.extraVars = extraVars;
        this.templates = templates;
    }

    public void check(Playbook playbook, List<Map.Entry<Play, List<Host>>> plays, Problems problems) {
        for (Map.Entry<Play, List<Host>> e : plays) {
            List<Task> tasks = e.getKey().allTasks();
            for (Task task : tasks) {
                if (task.module().equals("template") && task.args() instanceof YNode.YMap args
                        && args.get("src") instanceof YNode.YScalar src && args.get("dest") instanceof YNode.YScalar dest) {
                    for (Host host : e.getValue()) {
                        judge(playbook, task, src, dest, host, vars(e.getKey(), host));
                    }
                }
            }
        }
        exposed.forEach((x, hosts) -> found.add(new Problem(x.where(), x.entry().describe() + " of service "
                + x.service() + " is published on all interfaces (" + x.entry().text() + ", for "
                + String.join(", ", new LinkedHashSet<>(hosts)) + "): Docker's published ports go around the firewall (ufw)",
                x.entry().advice())));
        found.forEach(problems::add);
    }


    /** The host's variables in the play, as the run layers them (without facts, which need the host). */
    private Vars vars(Play play, Host host) {
        Vars v = Vars.EMPTY.with("role defaults", play.roleDefaults(), play.location())
                .with("inventory", inventory.varsFor(host.name()), host.location())
                .with("play vars", play.vars(), play.varsLocation());
        for (Play.VarsFile f : play.varsFiles()) {
            v = v.with("vars_files", f.vars(), f.location());
        }
        return v.with("role vars", play.roleVars(), play.location()).with("extra vars", extraVars, EXTRA_VARS);
    }

    private void judge(Playbook playbook, Task task, YNode.YScalar src, YNode.YScalar dest, Host host, Vars vars) {
        Optional<String> destination = render(dest, vars);
        if (destination.isEmpty() || !COMPOSE_FILE.matcher(Path.of(destination.get()).getFileName().toString()).matches()) {
            return;
        }
        Optional<Path> file = render(src, vars).flatMap(name -> FileLookup.candidates(name, "templates", task.baseDir(),
                playbook.dir()).stream().filter(Files::isRegularFile).findFirst());
        if (file.isEmpty()) {
            return; // a missing template is PlaybookCheck's to report
        }
        String rendered;
        List<String> source;
        try {
            rendered = templates.renderFile(file.get(), vars);
            source = Files.readAllLines(file.get(), StandardCharsets.UTF_8);
        } catch (RuntimeException | IOException e) {
            return; // not renderable here (undefined variables are UndefinedVariables' to report)
        }
        Optional<PublicPorts> open = publicPorts(vars, host);
        if (open.isEmpty()) {
            return;
        }
        List<String> renderedLines = rendered.lines().toList();
        YNode root = new YamlReader(new Problems()).read(file.get().toString(), rendered);
        if (!(root instanceof YNode.YMap top) || !(top.get("services") instanceof YNode.YMap services)) {
            return;
        }
        for (YNode.YMap.Entry service : services.entries().values()) {
            if (!(service.value() instanceof YNode.YMap s) || isHostNetwork(s) || !(s.get("ports") instanceof YNode.YSeq ports)) {
                continue;
            }
            String portsKeyLine = renderedLines.get(s.keyLocation("ports").line() - 1);
            for (YNode entry : ports.items()) {
                Optional<Published> p = Published.of(entry);
                if (p.isEmpty() || !p.get().onAllInterfaces() || open.get().covers(p.get().hostPort())) {
                    continue;
                }
                int line = entry.location().line();
                String written = line >= 1 && line <= renderedLines.size() ? renderedLines.get(line - 1) : "";
                SourceLocation where = templateLine(file.get(), source, written)
                        .or(() -> templateLine(file.get(), source, portsKeyLine))
                        .orElse(SourceLocation.of(file.get(), line, 1));
                exposed.computeIfAbsent(new Exposure(where, service.key(), p.get()), x -> new ArrayList<>()).add(host.name());
            }
        }
    }

    private Optional<String> render(YNode.YScalar scalar, Vars vars) {
        try {
            return Optional.of(templates.render(scalar.text(), vars, scalar.location()));
        } catch (RuntimeException e) {
            return Optional.empty(); // not renderable statically (facts, loop items): not judged
        }
    }

    private static boolean isHostNetwork(YNode.YMap service) {
        return service.get("network_mode") instanceof YNode.YScalar m && m.text().equals("host");
    }

    /** The template's line holding exactly {@code rendered} (trimmed), when exactly one does. */
    private static Optional<SourceLocation> templateLine(Path file, List<String> source, String rendered) {
        String wanted = rendered.strip();
        if (wanted.isEmpty()) {
            return Optional.empty();
        }
        int at = -1;
        for (int i = 0; i < source.size(); i++) {
            if (source.get(i).strip().equals(wanted)) {
                if (at >= 0) {
                    return Optional.empty();
                }
                at = i;
            }
        }
        if (at < 0) {
            return Optional.empty();
        }
        String text = source.get(at);
        int column = text.length() - text.stripLeading().length() + (wanted.startsWith("- ") ? 2 : 0) + 1;
        return Optional.of(SourceLocation.of(file, at + 1, column));
    }

    /**
     * The host's {@code public_ports}; empty (nothing judged) when it cannot be rendered here. An entry
     * that is not a port or a range is reported.
     */
    private Optional<PublicPorts> publicPorts(Vars vars, Host host) {
        Optional<VarSource> declared = vars.get(PUBLIC_PORTS);
        if (declared.isEmpty() || declared.get().value() == null) {
            return Optional.of(new PublicPorts(List.of()));
        }
        Object value;
        try {
            value = templates.evaluate(declared.get().value(), vars, declared.get().where());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        List<int[]> ranges = new ArrayList<>();
        for (Object item : value instanceof List<?> l ? l : List.of(value)) {
            Matcher m = RANGE.matcher(String.valueOf(item).strip());
            if (!m.matches()) {
                found.add(new Problem(declared.get().where(), PUBLIC_PORTS + " of " + host.name() + ": '" + item
                        + "' is not a port or a range", "write ports as numbers or \"FROM-TO\": public_ports: [30303, \"8000-8010\"]"));
                continue;
            }
            int from = Integer.parseInt(m.group(1));
            ranges.add(new int[] {from, m.group(2) == null ? from : Integer.parseInt(m.group(2))});
        }
        return Optional.of(new PublicPorts(ranges));
    }

    /** The host ports declared public. */
    private record PublicPorts(List<int[]> ranges) {
        /** Whether every port of {@code hostPort} (a port or a range) is declared public. */
        boolean covers(String hostPort) {
            Matcher m = RANGE.matcher(hostPort);
            if (!m.matches()) {
                return false; // a random host port, or a compose variable: cannot be declared
            }
            int from = Integer.parseInt(m.group(1));
            int to = m.group(2) == null ? from : Integer.parseInt(m.group(2));
            for (int port = from; port <= to; port++) {
                int p = port;
                if (ranges.stream().noneMatch(r -> r[0] <= p && p <= r[1])) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * One entry of a service's {@code ports}, as compose reads it.
     *
     * @param text the entry as written (short syntax) or its long form, for the message
     * @param hostIp the host address it is bound to; empty for all interfaces
     * @param hostPort the host port or range; empty when Docker picks one
     * @param containerPort the container's port or range
     */
    record Published(String text, String hostIp, String hostPort, String containerPort) {

        static Optional<Published> of(YNode entry) {
            if (entry instanceof YNode.YScalar s && !s.isNull()) {
                return Optional.of(shortSyntax(s.text().strip()));
            }
            if (entry instanceof YNode.YMap m && m.get("target") instanceof YNode.YScalar target) {
                String ip = m.get("host_ip") instanceof YNode.YScalar h ? h.text().strip() : "";
                String published = m.get("published") instanceof YNode.YScalar p ? p.text().strip() : "";
                return Optional.of(new Published("target: " + target.text() + (published.isEmpty() ? ""
                        : ", published: " + published) + (ip.isEmpty() ? ", no host_ip" : ", host_ip: " + ip), ip,
                        published, target.text().strip()));
            }
            return Optional.empty();
        }

        /** {@code [IP:][HOST:]CONTAINER[/PROTO]}; an IPv6 address in brackets. */
        static Published shortSyntax(String text) {
            String s = text.contains("/") ? text.substring(0, text.lastIndexOf('/')) : text;
            String ip = "";
            if (s.startsWith("[") && s.contains("]:")) {
                ip = s.substring(1, s.indexOf("]:"));
                s = s.substring(s.indexOf("]:") + 2);
            } else if (s.chars().filter(c -> c == ':').count() >= 2) {
                int last = s.lastIndexOf(':');
                int second = s.lastIndexOf(':', last - 1);
                ip = s.substring(0, second);
                s = s.substring(second + 1);
            }
            int colon = s.indexOf(':');
            return new Published("\"" + text + "\"", ip, colon < 0 ? "" : s.substring(0, colon),
                    colon < 0 ? s : s.substring(colon + 1));
        }

        boolean onAllInterfaces() {
            return hostIp.isEmpty() || hostIp.equals("0.0.0.0") || hostIp.equals("::");
        }

        String describe() {
            return hostPort.isEmpty() ? "container port " + containerPort + " (on a host port Docker picks)"
                    : "port " + hostPort;
        }

        String advice() {
            String loopback = hostPort.isEmpty() ? "\"127.0.0.1::" + containerPort + "\""
                    : "\"127.0.0.1:" + hostPort + ":" + containerPort + "\"";
            return "bind it to the loopback (" + loopback + ") and reach it with steward tunnel, or, if the world must"
                    + " reach it, declare it public on the host or its group: " + PUBLIC_PORTS + ": ["
                    + (hostPort.isEmpty() ? "<the host port you publish it on>" : hostPort) + "]";
        }
    }
}
