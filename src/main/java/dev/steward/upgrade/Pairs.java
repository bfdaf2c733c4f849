package dev.steward.upgrade;

import dev.steward.inventory.Host;
import dev.steward.inventory.Inventory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Chainlink pairs of an inventory: the hosts of the {@code chainlink} group that share a database
 * ({@code db_host} and {@code db_name}, as the inventory writes them). An upgrade or a restore works on
 * whole pairs: standbys first, then the lease holder, one database backup.
 */
public record Pairs(List<Pair> pairs) {

    /** One pair: its nodes, in inventory order, and the database they share. */
    public record Pair(String database, List<String> nodes) {
        public String describe() {
            return String.join(", ", nodes) + " (sharing the database " + database + ")";
        }
    }

    public static Pairs of(Inventory inventory) {
        Map<String, List<String>> byDatabase = new LinkedHashMap<>();
        for (Host h : inventory.select("chainlink")) {
            Map<String, Object> vars = inventory.varsFor(h.name());
            String db = vars.getOrDefault("db_host", "?") + "/" + vars.getOrDefault("db_name", "chainlink");
            byDatabase.computeIfAbsent(db, k -> new ArrayList<>()).add(h.name());
        }
        List<Pair> out = new ArrayList<>();
        byDatabase.forEach((db, nodes) -> out.add(new Pair(db, nodes)));
        return new Pairs(out);
    }

    /** The first pair of which {@code selected} holds some nodes but not all: a --limit that splits it. */
    public Optional<Pair> splitBy(Collection<String> selected) {
        return pairs.stream().filter(p -> p.nodes().stream().anyMatch(selected::contains)
                && !selected.containsAll(p.nodes())).findFirst();
    }

    /** The nodes of the pairs {@code selected} touches. */
    public List<String> nodesIn(Collection<String> selected) {
        return pairs.stream().flatMap(p -> p.nodes().stream()).filter(selected::contains).toList();
    }
}
