package dev.steward.check;

import dev.steward.inventory.Group;
import dev.steward.inventory.Host;
import dev.steward.inventory.Inventory;
import dev.steward.inventory.VariablePrecedence;
import dev.steward.source.Problem;
import dev.steward.source.Problems;
import dev.steward.source.SourceLocation;
import dev.steward.source.Suggestions;
import dev.steward.template.TemplateEngine;
import dev.steward.vars.Vars;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The static half of the Chainlink stack's preflight: the settings of {@code inventory.example},
 * judged before any connection, for an inventory that looks like the stack (it has a
 * {@code chainlink} group). Each chainlink host's settings are read as the host sees them (inventory
 * levels, then extra vars); a problem points at the inventory entry (host or group) that sets the
 * value, or at the {@code chainlink} group when it is missing, and says what to do. Secret values
 * are never printed, only their length.
 *
 * <p>What needs a host (resources, network paths, the stage stamped on the database, the rendered
 * files) is {@code playbooks/preflight.yml}'s job.
 */
public final class StackPreflight {

    public static final String NODES = "chainlink";
    public static final String DATABASE = "postgres";
    public static final List<String> STAGES = List.of("production", "staging", "lab");
    /** libpq's sslmode values. */
    static final List<String> SSL_MODES = List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");
    static final int SECRET_MIN = 16;
    static final int SECRET_MAX = 50;

    /** A Docker tag: what {@code image:tag} accepts. */
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    /** A Docker image reference without tag: registry[:port]/path, lower case. */
    private static final Pattern IMAGE = Pattern.compile("[a-z0-9]+([._-]+[a-z0-9]+)*(:[0-9]+)?(/[a-z0-9]+([._-]+[a-z0-9]+)*)*");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final Pattern LOG_SIZE = Pattern.compile("(?i)[0-9]+(b|kb|mb|gb|tb)?");
    private static final Pattern DURATION = Pattern.compile("([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+");
    private static final SourceLocation EXTRA_VARS = new SourceLocation("--extra-vars", 0, 0);

    private final Inventory inventory;
    private final Map<String, Object> extraVars;
    private final TemplateEngine templates;
    private final Set<Problem> errors = new LinkedHashSet<>();
    private final Set<Problem> warnings = new LinkedHashSet<>();
    /** setting → hosts that lack it, reported once per setting. */
    private final Map<String, List<Host>> missing = new LinkedHashMap<>();
    private final Map<String, String> missingHints = new LinkedHashMap<>();

    public StackPreflight(Inventory inventory, Map<String, Object> extraVars, TemplateEngine templates) {
        this.inventory = inventory;
        this.extraVars = extraVars;
        this.templates = templates;
    }

    /** Whether the inventory is the Chainlink stack's: it has a {@code chainlink} group. */
    public static boolean applies(Inventory inventory) {
        return inventory.group(NODES).isPresent();
    }

    public void check(Problems problems) {
        if (!applies(inventory)) {
            return;
        }
        Group nodes = inventory.group(NODES).orElseThrow();
        List<Host> hosts = inventory.select(NODES);
        if (hosts.isEmpty()) {
            errors.add(new Problem(nodes.location(), "group chainlink has no host",
                    "list the node hosts under chainlink: hosts: (two for a highly available pair)"));
        }
        List<Host> databases = inventory.group(DATABASE).isPresent() ? inventory.select(DATABASE) : List.of();
        for (Host host : hosts) {
            new HostSettings(host, databases).check();
        }
        missing.forEach((setting, lacking) -> {
            boolean everyHost = lacking.size() == hosts.size();
            SourceLocation where = everyHost ? nodes.location() : lacking.get(0).location();
            String who = everyHost ? "" : " for host " + String.join(", ", lacking.stream().map(Host::name).toList());
            errors.add(new Problem(where, setting + " is not set" + who, missingHints.get(setting)));
        });
        errors.forEach(problems::add);
        warnings.forEach(w -> problems.warn(w.location(), w.message(), w.hint()));
    }

    /** One chainlink host's settings, as the host sees them. */
    private final class HostSettings {

        private final Host host;
        private final List<Host> databases;
        private final Map<String, Object> raw;
        private final Vars vars;
        private final String stage;

        HostSettings(Host host, List<Host> databases) {
            this.host = host;
            this.databases = databases;
            Map<String, Object> all = new LinkedHashMap<>(inventory.varsFor(host.name()));
            all.putAll(extraVars);
            this.raw = all;
            this.vars = Vars.EMPTY.with("inventory", inventory.varsFor(host.name()), host.location())
                    .with("extra vars", extraVars, EXTRA_VARS);
            this.stage = text("stage").orElse("");
        }

        void check() {
            stage();
            image();
            chains();
            secrets();
            database();
            nodeFiles();
        }

        // ---- the rules

        private void stage() {
            Optional<String> s = required("stage", "set stage: production, staging or lab under all: vars:");
            if (s.isPresent() && !STAGES.contains(s.get())) {
                String dym = Suggestions.didYouMean(s.get(), STAGES);
                error("stage", "stage '" + s.get() + "' is not one of production, staging, lab",
                        dym.isEmpty() ? "set the environment this inventory is: production, staging or lab" : dym);
            }
        }

        private void image() {
            required("chainlink_image", "set chainlink_image: smartcontract/chainlink under chainlink: vars:")
                    .ifPresent(image -> {
                        String last = image.substring(image.lastIndexOf('/') + 1);
                        if (last.contains(":") || image.contains("@")) {
                            error("chainlink_image", "chainlink_image '" + image + "' carries a tag or digest",
                                    "give the image name alone and the tag in chainlink_version");
                        } else if (!IMAGE.matcher(image).matches()) {
                            error("chainlink_image", "chainlink_image '" + printable(image)
                                    + "' is not a Docker image name (it lands in docker-compose.yml)",
                                    "lower-case letters, digits, '.', '_', '-' and '/', e.g. smartcontract/chainlink");
                        }
                    });
            required("chainlink_version", "pin the node version: chainlink_version: 2.10.0 under chainlink: vars:")
                    .ifPresent(version -> {
                        if (version.equalsIgnoreCase("latest")) {
                            error("chainlink_version", "chainlink_version is 'latest', which Chainlink does not support",
                                    "pin a release tag such as 2.10.0; change it later with steward upgrade");
                        } else if (!TAG.matcher(version).matches()) {
                            error("chainlink_version", "chainlink_version '" + printable(version)
                                    + "' is not a Docker tag (it lands in docker-compose.yml)",
                                    "letters, digits, '.', '_' and '-', e.g. 2.10.0");
                        }
                    });
        }

        private void chains() {
            Object value = value("chainlink_chains");
            String where = "chainlink_chains";
            if (absent(value)) {
                missing("chainlink_chains", "list the chains with their RPC nodes: chainlink_chains: [{chain_id: 1,"
                        + " nodes: [{name: eth1, http: 'http://…:8545', ws: 'ws://…:8546'}]}]");
                return;
            }
            if (!(value instanceof List<?> chains) || chains.isEmpty()) {
                error(where, "chainlink_chains must be a list of chains, each with chain_id and nodes",
                        "see inventory.example");
                return;
            }
            Set<String> ids = new TreeSet<>();
            for (int i = 0; i < chains.size(); i++) {
                String c = where + "[" + i + "]";
                if (!(chains.get(i) instanceof Map<?, ?> chain)) {
                    error(where, c + " must be a map with chain_id and nodes", "see inventory.example");
                    continue;
                }
                Object id = chain.get("chain_id");
                String idText = id == null ? "" : String.valueOf(id).strip();
                if (idText.isEmpty()) {
                    error(where, c + ".chain_id is not set", "the EVM chain ID, e.g. 1 for Ethereum, 11155111 for Sepolia");
                } else if (!idText.matches("[0-9]{1,20}")) {
                    error(where, c + ".chain_id '" + printable(idText) + "' is not a decimal chain ID",
                            "digits only, e.g. 11155111");
                } else if (!ids.add(idText)) {
                    error(where, c + ".chain_id " + idText + " is listed twice", "give each chain once, with all its nodes");
                }
                rpcNodes(chain.get("nodes"), c + (idText.isEmpty() ? "" : " (chain " + idText + ")"));
            }
        }

        private void rpcNodes(Object value, String chain) {
            String where = "chainlink_chains";
            if (!(value instanceof List<?> nodes) || nodes.isEmpty()) {
                error(where, chain + " has no RPC node", "give it nodes: [{name: …, http: 'http://…', ws: 'ws://…'}]");
                return;
            }
            Set<String> names = new TreeSet<>();
            int primaries = 0;
            for (int j = 0; j < nodes.size(); j++) {
                String n = chain + ".nodes[" + j + "]";
                if (!(nodes.get(j) instanceof Map<?, ?> node)) {
                    error(where, n + " must be a map with name, http and ws", "see inventory.example");
                    continue;
                }
                String name = node.get("name") == null ? "" : String.valueOf(node.get("name")).strip();
                if (name.isEmpty()) {
                    error(where, n + ".name is not set", "a name unique in the chain, e.g. eth1");
                } else {
                    n = chain + " node " + name;
                    if (!names.add(name)) {
                        error(where, n + " is listed twice", "RPC node names must be unique in a chain");
                    }
                }
                boolean sendOnly = Boolean.TRUE.equals(node.get("send_only"))
                        || "true".equals(String.valueOf(node.get("send_only")));
                url(node.get("http"), n + ".http", List.of("http", "https"), true);
                if (sendOnly) {
                    continue;
                }
                primaries++;
                url(node.get("ws"), n + ".ws", List.of("ws", "wss"), true);
            }
            if (primaries == 0) {
                error(where, chain + " has only send-only RPC nodes", "give it at least one primary node (with ws)");
            } else if (primaries == 1) {
                warn(where, chain + " has a single primary RPC node: the Chainlink node has no RPC failover",
                        "add a second RPC node (another client or a hosted endpoint)");
            }
        }

        private void url(Object value, String what, List<String> schemes, boolean required) {
            String text = value == null ? "" : String.valueOf(value).strip();
            if (text.isEmpty()) {
                if (required) {
                    error("chainlink_chains", what + " is not set", "a " + String.join(" or ", schemes)
                            + " URL of the RPC node");
                }
                return;
            }
            try {
                URI uri = new URI(String.valueOf(value));
                if (uri.getScheme() == null || !schemes.contains(uri.getScheme().toLowerCase())) {
                    error("chainlink_chains", what + " must be a " + String.join(" or ", schemes) + " URL, not '"
                            + printable(redactUserInfo(text)) + "'", "e.g. " + schemes.get(0) + "://10.8.0.30:"
                            + (schemes.get(0).startsWith("ws") ? "8546" : "8545"));
                } else if (uri.getHost() == null || uri.getHost().isEmpty()) {
                    error("chainlink_chains", what + " has no host", "e.g. " + schemes.get(0) + "://10.8.0.30:8545");
                }
            } catch (URISyntaxException e) {
                error("chainlink_chains", what + " is not a valid URL (" + e.getReason() + ")",
                        "percent-escape spaces and special characters (it lands in config.toml)");
            }
        }

        private void secrets() {
            password("db_password", "a database password");
            password("keystore_password", "a key store password");
            password("api_password", "an operator UI password");
            required("api_email", "put api_email (the operator UI login) in the vault file").ifPresent(email -> {
                if (email.chars().anyMatch(Character::isISOControl)) {
                    error("api_email", "api_email contains a line break or control character, which would break"
                            + " the .api file (its first line is the e-mail)", "give a single-line e-mail address");
                } else if (!email.matches("[^@\\s]+@[^@\\s]+")) {
                    error("api_email", "api_email '" + email + "' is not an e-mail address", "e.g. ops@example.com");
                }
            });
        }

        private void password(String name, String what) {
            Optional<String> value = required(name, "put " + name + ", " + what + " of " + SECRET_MIN + "–"
                    + SECRET_MAX + " characters, in the vault file, e.g. group_vars/all/vault.yml");
            if (value.isEmpty()) {
                return;
            }
            String p = value.get();
            int length = p.codePointCount(0, p.length());
            if (length < SECRET_MIN || length > SECRET_MAX) {
                error(name, name + " is " + length + " characters long; Chainlink needs " + SECRET_MIN + " to "
                        + SECRET_MAX, "choose " + what + " of " + SECRET_MIN + "–" + SECRET_MAX + " characters");
            } else if (!p.equals(p.strip())) {
                error(name, name + " begins or ends with a space", "Chainlink refuses surrounding spaces: remove them");
            }
            if (p.chars().anyMatch(Character::isISOControl)) {
                error(name, name + " contains a line break or control character, which would break the file it"
                        + " lands in", "use printable characters only");
            }
        }

        private void database() {
            Object url = value("database_url");
            if (!absent(url)) {
                databaseUrl(String.valueOf(url));
                return;
            }
            Optional<String> dbHost = required("db_host", "set db_host to the address of the postgres host");
            dbHost.ifPresent(this::databaseHost);
            text("db_sslmode").ifPresent(mode -> {
                if (!SSL_MODES.contains(mode)) {
                    String dym = Suggestions.didYouMean(mode, SSL_MODES);
                    error("db_sslmode", "db_sslmode '" + mode + "' is not a libpq sslmode",
                            dym.isEmpty() ? "one of " + String.join(", ", SSL_MODES) : dym);
                } else {
                    sslMode("db_sslmode", mode);
                }
            });
            Object port = value("db_port");
            if (!absent(port) && !String.valueOf(port).strip().matches("[0-9]{1,5}")
                    || !absent(port) && Integer.parseInt(String.valueOf(port).strip()) > 65535) {
                error("db_port", "db_port '" + printable(String.valueOf(port)) + "' is not a TCP port", "e.g. 5432");
            }
            for (String name : List.of("db_name", "db_user")) {
                text(name).ifPresent(v -> {
                    if (!IDENTIFIER.matcher(v).matches()) {
                        error(name, name + " '" + printable(v) + "' is not a plain PostgreSQL name (it lands in SQL"
                                + " and in the database URL)", "letters, digits and '_', not starting with a digit");
                    }
                });
            }
        }

        private void databaseUrl(String url) {
            URI uri;
            try {
                uri = new URI(url);
            } catch (URISyntaxException e) {
                error("database_url", "database_url is not a valid URL (" + e.getReason() + " at index "
                        + e.getIndex() + ")", "escape special characters of the password by RFC 3986 (%40 for @,"
                        + " %2F for /), or leave database_url out and let Steward build it");
                return;
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme();
            if (!scheme.equals("postgresql") && !scheme.equals("postgres")) {
                error("database_url", "database_url must start with postgresql://", "e.g. postgresql://chainlink:…@"
                        + addresses() + ":5432/chainlink?sslmode=verify-full");
                return;
            }
            if (uri.getHost() == null) {
                error("database_url", "database_url names no database host", "postgresql://user:password@HOST:5432/db");
            } else {
                databaseHost(uri.getHost());
            }
            String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
            for (String pair : query.split("&")) {
                if (pair.startsWith("sslmode=")) {
                    sslMode("database_url", pair.substring("sslmode=".length()));
                }
            }
        }

        private void databaseHost(String dbHost) {
            if (databases.isEmpty()) {
                error("db_host", "group postgres has no host, so no database of this inventory can be checked"
                        + " against db_host " + dbHost, "list the PostgreSQL server under postgres: hosts:");
                return;
            }
            for (Host db : databases) {
                if (db.address().equals(dbHost)) {
                    return;
                }
            }
            String setting = raw.containsKey("database_url") ? "database_url" : "db_host";
            error(setting, setting + " points at " + dbHost + ", which is not the address of a host in group"
                    + " postgres (" + addresses() + ")", "a " + (stage.isEmpty() ? "" : stage + " ")
                    + "node must use this inventory's own database: point it at " + addresses()
                    + "; a database taken from another environment's settings is the classic mistake");
        }

        private void sslMode(String setting, String mode) {
            if (mode.equals("disable") && !stage.equals("lab")) {
                error(setting, (setting.equals("db_sslmode") ? "db_sslmode" : "database_url's sslmode")
                        + " is 'disable', which only stage lab may use (stage is '" + stage + "')",
                        "use verify-full, or require, so that database traffic is encrypted");
            }
        }

        private void nodeFiles() {
            text("chainlink_log_max_size").ifPresent(size -> {
                if (!LOG_SIZE.matcher(size).matches()) {
                    error("chainlink_log_max_size", "chainlink_log_max_size '" + printable(size)
                            + "' is not a size Chainlink reads (Log.File.MaxSize)", "a number with b, kb, mb, gb or tb,"
                            + " e.g. 100mb");
                }
            });
            Optional<Long> lease = duration("chainlink_lease_duration");
            Optional<Long> refresh = duration("chainlink_lease_refresh_interval");
            if (lease.isPresent() && refresh.isPresent() && refresh.get() * 2 > lease.get()) {
                error("chainlink_lease_refresh_interval", "chainlink_lease_refresh_interval is more than half of"
                        + " chainlink_lease_duration", "Chainlink refuses it; its defaults are 10s and 1s");
            }
            choice("chainlink_backup_mode", List.of("none", "lite", "full"));
            choice("chainlink_networking", List.of("published", "host"));
        }

        private Optional<Long> duration(String name) {
            Optional<String> d = text(name);
            if (d.isEmpty()) {
                return Optional.empty();
            }
            if (!DURATION.matcher(d.get()).matches()) {
                error(name, name + " '" + printable(d.get()) + "' is not a duration Chainlink reads",
                        "a number with a unit, e.g. 10s, 500ms, 1m");
                return Optional.empty();
            }
            return Optional.of(nanos(d.get()));
        }

        private void choice(String name, List<String> choices) {
            text(name).ifPresent(v -> {
                if (!choices.contains(v)) {
                    String dym = Suggestions.didYouMean(v, choices);
                    error(name, name + " '" + printable(v) + "' is not one of " + String.join(", ", choices),
                            dym.isEmpty() ? "see inventory.example" : dym);
                }
            });
        }

        // ---- reading settings

        /** The setting's value, rendered when it holds an expression; null when unset or not renderable. */
        private Object value(String name) {
            if (!raw.containsKey(name)) {
                return null;
            }
            Object v = raw.get(name);
            if (v instanceof String s && s.contains("${") || v instanceof Map<?, ?> || v instanceof List<?>) {
                try {
                    return templates.evaluate(v, vars, where(name));
                } catch (RuntimeException e) {
                    return Unknown.VALUE; // reported by the undefined-variable check, not judged here
                }
            }
            return v;
        }

        private Optional<String> text(String name) {
            Object v = value(name);
            return absent(v) || v == Unknown.VALUE ? Optional.empty() : Optional.of(String.valueOf(v));
        }

        private Optional<String> required(String name, String hint) {
            Object v = value(name);
            if (v == Unknown.VALUE) {
                return Optional.empty();
            }
            if (absent(v)) {
                if (raw.containsKey(name)) {
                    error(name, name + " is blank", hint);
                } else {
                    missing(name, hint);
                }
                return Optional.empty();
            }
            return Optional.of(String.valueOf(v));
        }

        private void missing(String name, String hint) {
            missing.computeIfAbsent(name, k -> new ArrayList<>()).add(host);
            missingHints.put(name, hint);
        }

        private boolean absent(Object v) {
            return v == null || v instanceof String s && s.isBlank();
        }

        private void error(String setting, String message, String hint) {
            errors.add(new Problem(where(setting), message, hint));
        }

        private void warn(String setting, String message, String hint) {
            warnings.add(new Problem(where(setting), message, hint));
        }

        /** The inventory entry whose value of {@code name} this host sees. */
        private SourceLocation where(String name) {
            if (extraVars.containsKey(name)) {
                return EXTRA_VARS;
            }
            if (host.vars().containsKey(name)) {
                return host.location();
            }
            List<Group> groups = VariablePrecedence.groupsInPrecedenceOrder(inventory, host.name());
            for (int i = groups.size() - 1; i >= 0; i--) {
                if (groups.get(i).vars().containsKey(name)) {
                    return groups.get(i).location();
                }
            }
            return inventory.group(NODES).map(Group::location).orElse(host.location());
        }

        private String addresses() {
            return String.join(", ", databases.stream().map(d -> d.name() + ": " + d.address()).toList());
        }
    }

    /** A value that could not be rendered statically: not judged. */
    private enum Unknown {
        VALUE
    }

    /** A value as it may be printed: control characters shown escaped. */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(c -> {
            if (c == '\n') {
                b.append("\\n");
            } else if (Character.isISOControl(c)) {
                b.append(String.format("\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }

    /** A URL without its user information, which may hold a key or password. */
    private static String redactUserInfo(String url) {
        return url.replaceFirst("//[^/@]*@", "//…@");
    }

    /** A Go duration in nanoseconds (the grammar was checked). */
    static long nanos(String duration) {
        var m = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ns|us|µs|ms|s|m|h)").matcher(duration);
        double total = 0;
        while (m.find()) {
            double n = Double.parseDouble(m.group(1));
            total += n * switch (m.group(2)) {
                case "ns" -> 1;
                case "us", "µs" -> 1e3;
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "m" -> 60e9;
                default -> 3600e9;
            };
        }
        return (long) total;
    }
}
