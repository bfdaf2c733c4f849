package dev.steward.module.docker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A compose project's containers by name, from {@code docker inspect}: ID and whether it runs. Two
 * of them, before and after {@code up}, say what really happened: a new ID is a container created
 * or replaced; the same ID is the same container, whatever compose printed.
 */
record ComposeContainers(Map<String, Container> byName) {

    record Container(String id, boolean running) {
    }

    /** The {@code --format} that prints the lines {@link #parse} reads. */
    static final String INSPECT_FORMAT = "container={{.Id}} {{.State.Running}} {{.Name}}";

    /** @param lines the values of the probe's {@code container=} lines: "ID RUNNING /NAME" */
    static ComposeContainers parse(List<String> lines) {
        Map<String, Container> out = new LinkedHashMap<>();
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 3) {
                String name = f[2].startsWith("/") ? f[2].substring(1) : f[2];
                out.put(name, new Container(f[0], f[1].equals("true")));
            }
        }
        return new ComposeContainers(out);
    }

    boolean isEmpty() {
        return byName.isEmpty();
    }

    /** What happened between this (before) and {@code after}: "created x", "recreated y", "started z", "removed w". */
    List<String> changesTo(ComposeContainers after) {
        List<String> events = new ArrayList<>();
        after.byName.forEach((name, now) -> {
            Container was = byName.get(name);
            if (was == null) {
                events.add("created " + name);
            } else if (!was.id().equals(now.id())) {
                events.add("recreated " + name);
            } else if (!was.running() && now.running()) {
                events.add("started " + name);
            }
        });
        byName.keySet().stream().filter(n -> !after.byName.containsKey(n)).forEach(n -> events.add("removed " + n));
        return events;
    }
}
