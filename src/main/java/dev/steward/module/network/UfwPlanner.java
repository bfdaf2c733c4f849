package dev.steward.module.network;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what a {@code ufw} task asks for into ufw commands, in the order that cannot lock Steward out:
 * first the SSH guards (the port SSH really arrives on allowed; before a {@code limit} on it, the
 * controller's own address allowed, because Steward's reconnects would trip the limit), then the rule,
 * then logging, then the default policy, and enabling last. It keeps the picture of the firewall
 * before and after, for check mode and {@code --diff}.
 */
final class UfwPlanner {

    /** One ufw command and what it does, in words. */
    record Step(String describe, String command) {
    }

    private static final String INSERT_FIRST = "ufw insert 1 ";
    private static final Pattern INSERT_AT = Pattern.compile("ufw insert (\\d+) (.*)",
            Pattern.DOTALL);

    private final UfwState state;
    private final List<UfwRule> rules;
    private final Map<String, String> defaults;
    private String logging;
    private boolean active;
    private final List<Step> steps = new ArrayList<>();
    private final List<Step> guards = new ArrayList<>();

    UfwPlanner(UfwState state) {
        this.state = state;
        this.rules = new ArrayList<>(state.rules());
        this.defaults = new LinkedHashMap<>(state.defaults());
        this.logging = state.logging();
        this.active = state.active();
    }

    void rule(UfwRule wanted, boolean delete, Optional<Integer> insert) {
        Optional<UfwRule> present = rules.stream().filter(r -> r.key().equals(wanted.key())).findFirst();
        if (delete) {
            present.ifPresent(r -> {
                rules.remove(r);
                steps.add(new Step("delete " + r.describe(), "ufw delete " + r.words()));
            });
            return;
        }
        if (present.isPresent() && present.get().equals(wanted)) {
            return;
        }
        if (present.isPresent()) { // ufw updates the action or comment in place
            rules.set(rules.indexOf(present.get()), wanted);
            steps.add(new Step("update " + present.get().describe() + " to " + wanted.describe(), "ufw " + wanted.words()));
        } else if (insert.isPresent() && insert.get() <= rules.size()) {
            rules.add(insert.get() - 1, wanted);
            steps.add(new Step("insert at " + insert.get() + ": " + wanted.describe(),
                    "ufw insert " + insert.get() + " " + wanted.words()));
        } else {
            rules.add(wanted);
            steps.add(new Step("add " + wanted.describe(), "ufw " + wanted.words()));
        }
    }

    void logging(String level) {
        if (!logging.equals(level)) {
            steps.add(new Step("logging " + logging + " -> " + level, "ufw logging " + level));
            logging = level;
        }
    }

    void defaultPolicy(String direction, String policy) {
        if (!policy.equals(defaults.get(direction))) {
            steps.add(new Step("default " + direction + " " + defaults.get(direction) + " -> " + policy,
                    "ufw default " + policy + " " + direction));
            defaults.put(direction, policy);
        }
    }

    void state(String wanted) {
        switch (wanted) {
            case "enabled" -> {
                if (!active) {
                    steps.add(new Step("enable the firewall", "ufw --force enable"));
                    active = true;
                }
            }
            case "disabled" -> {
                if (active) {
                    steps.add(new Step("disable the firewall", "ufw disable"));
                    active = false;
                }
            }
            case "reset" -> {
                if (active || !rules.isEmpty()) {
                    steps.add(new Step("reset: disable the firewall and delete every rule", "ufw --force reset"));
                    active = false;
                    rules.clear();
                }
            }
            default -> throw new IllegalArgumentException(wanted);
        }
    }

    /**
     * Adds the SSH guards in front of the steps when there is a change and the firewall is on
     * afterwards. A rule only the guard cannot judge (one on an interface) can still cut SSH: the
     * rollback timer is there for that.
     */
    void guardSsh(UfwState.SshArrival ssh, Optional<UfwRule> wanted, boolean delete) {
        if (steps.isEmpty() || !active) {
            return; // rules do not filter while ufw is off; the task that enables it guards then
        }
        int port = ssh.port();
        String client = ssh.client();
        boolean limitsSsh = !delete && wanted.filter(w -> w.action().equals("limit") && w.matchesTcp(client, port))
                .isPresent();
        if (limitsSsh) {
            UfwRule controller = new UfwRule("allow", "in", Optional.empty(), "tcp", String.valueOf(port), client,
                    UfwRule.ANY, Optional.of("steward: controller"));
            if (!rules.contains(controller)) {
                insertFirst(controller, "allow the controller's own address before limiting SSH");
            }
        }
        if (!firstMatchAllows(client, port)) {
            insertFirst(new UfwRule("allow", "in", Optional.empty(), "tcp", String.valueOf(port), UfwRule.ANY,
                    UfwRule.ANY, Optional.of("steward: ssh")), "keep SSH (port " + port + "/tcp, the port this "
                    + "connection arrives on) allowed");
        }
        // the guards run first: a rule the task inserts at N lands at N + (guards inserted before it)
        long shift = guards.stream().filter(g -> g.command().startsWith(INSERT_FIRST)).count();
        for (int i = 0; i < steps.size() && shift > 0; i++) {
            Step s = steps.get(i);
            Matcher m = INSERT_AT.matcher(s.command());
            if (m.matches()) {
                steps.set(i, new Step(s.describe(), "ufw insert " + (Integer.parseInt(m.group(1)) + shift) + " "
                        + m.group(2)));
            }
        }
        steps.addAll(0, guards);
    }

    private void insertFirst(UfwRule rule, String why) {
        boolean v6 = rule.from().contains(":");
        // ufw refuses "insert 1" into an empty list: what counts is the list when the guard runs (before the task's steps)
        if (state.rules().isEmpty() && guards.isEmpty() || v6) {
            rules.add(v6 ? rules.size() : 0, rule);
            guards.add(new Step(why + ": add " + rule.describe(), "ufw " + rule.words()));
        } else {
            rules.add(0, rule);
            guards.add(new Step(why + ": insert at 1: " + rule.describe(), INSERT_FIRST + rule.words()));
        }
    }

    /** ufw takes the first rule that matches: SSH is safe when that rule allows it (a limit does not count). */
    private boolean firstMatchAllows(String client, int port) {
        return rules.stream().filter(r -> r.matchesTcp(client, port)).findFirst()
                .map(r -> r.action().equals("allow")).orElse(false);
    }

    List<Step> steps() {
        return steps;
    }

    String before() {
        return picture(state.active(), state.logging(), state.defaults(), state.rules());
    }

    String after() {
        return picture(active, logging, defaults, rules);
    }

    private static String picture(boolean active, String logging, Map<String, String> defaults, List<UfwRule> rules) {
        StringBuilder b = new StringBuilder("status: ").append(active ? "active" : "inactive").append('\n')
                .append("logging: ").append(logging).append('\n');
        defaults.forEach((direction, policy) -> b.append("default ").append(direction).append(": ").append(policy)
                .append('\n'));
        for (int i = 0; i < rules.size(); i++) {
            b.append("rule ").append(i + 1).append(": ").append(rules.get(i).describe()).append('\n');
        }
        return b.toString();
    }
}
