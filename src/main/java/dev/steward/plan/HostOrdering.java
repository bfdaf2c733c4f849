package dev.steward.plan;

import dev.steward.playbook.HostOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Puts a play's hosts in the order its {@code order} asks for. An expression order sorts by each
 * host's value (false before true, smaller numbers and strings first), stable, so hosts with equal
 * values keep the inventory's order.
 */
public final class HostOrdering {

    private HostOrdering() {
    }

    public static <T> List<T> apply(HostOrder order, List<T> hosts, Function<T, String> name,
            Function<T, Object> expressionValue) {
        List<T> out = new ArrayList<>(hosts);
        switch (order.kind()) {
            case INVENTORY -> {
            }
            case REVERSE_INVENTORY -> Collections.reverse(out);
            case SORTED -> out.sort(Comparator.comparing(name));
            case REVERSE_SORTED -> out.sort(Comparator.comparing(name).reversed());
            case SHUFFLE -> Collections.shuffle(out);
            case EXPRESSION -> {
                List<Object> keys = new ArrayList<>();
                for (T h : out) {
                    keys.add(expressionValue.apply(h));
                }
                List<Integer> idx = new ArrayList<>();
                for (int i = 0; i < out.size(); i++) {
                    idx.add(i);
                }
                idx.sort((a, b) -> compare(keys.get(a), keys.get(b)));
                List<T> sorted = new ArrayList<>();
                idx.forEach(i -> sorted.add(out.get(i)));
                return sorted;
            }
        }
        return out;
    }

    private static int compare(Object a, Object b) {
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return Boolean.compare(x, y);
        }
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        return String.valueOf(a).compareTo(String.valueOf(b));
    }
}
