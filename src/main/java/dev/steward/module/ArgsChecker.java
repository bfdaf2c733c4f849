package dev.steward.module;

import dev.steward.source.Problems;
import dev.steward.source.Scalars;
import dev.steward.source.Suggestions;
import dev.steward.source.YNode;
import dev.steward.source.YNode.YMap;
import dev.steward.source.YNode.YScalar;
import dev.steward.source.YNode.YSeq;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Checks a module call's parameters as written, before anything runs: unknown names (with "did you
 * mean"), missing required ones, exclusive ones together, and the type of every literal value.
 * Values holding {@code ${…}} are checked again when rendered.
 */
public final class ArgsChecker {

    private ArgsChecker() {
    }

    public static void check(String module, ModuleSpec spec, YNode args, Problems problems) {
        if (args instanceof YScalar s && !s.isNull()) {
            if (spec.freeForm().isEmpty()) {
                String example = spec.params().isEmpty() ? "name: value" : spec.params().get(0).name() + ": …";
                problems.add(s.location(), module + " takes a map of parameters, not a string",
                        "write e.g. '" + module + ": {" + example + "}'");
            } else {
                spec.param(spec.freeForm().get()).ifPresent(p -> checkValue(module, p, s, problems));
            }
            return;
        }
        if (args instanceof YSeq) {
            problems.add(args.location(), module + " takes a map of parameters, not a list");
            return;
        }
        List<String> given = new ArrayList<>();
        if (args instanceof YMap map) {
            for (String key : map.keys()) {
                var param = spec.param(key);
                if (param.isEmpty()) {
                    problems.add(map.keyLocation(key), "module " + module + " has no parameter '" + key + "'",
                            Suggestions.didYouMean(key, spec.params().stream().map(Param::name).toList()));
                    continue;
                }
                given.add(param.get().name());
                checkValue(module, param.get(), map.get(key), problems);
            }
        }
        for (Param p : spec.params()) {
            if (p.required() && !given.contains(p.name())) {
                problems.add(args.location(), module + " needs the parameter '" + p.name() + "'", p.doc());
            }
        }
        for (List<String> group : spec.exclusive()) {
            List<String> both = group.stream().filter(given::contains).toList();
            if (both.size() > 1) {
                problems.add(args.location(), module + " takes only one of " + String.join(", ", both));
            }
        }
        for (List<String> group : spec.oneOf()) {
            if (group.stream().noneMatch(given::contains) && !(args instanceof YScalar s && !s.isNull())) {
                problems.add(args.location(), module + " needs one of " + group.stream().collect(Collectors.joining(", ")));
            }
        }
    }

    private static void checkValue(String module, Param p, YNode value, Problems problems) {
        if (value instanceof YScalar s && s.text().contains("${")) {
            return; // rendered per host; checked then
        }
        String where = "'" + p.name() + "' of " + module;
        switch (p.type()) {
            case BOOL -> {
                if (Scalars.bool(value).isEmpty()) {
                    problems.add(value.location(), where + " must be true or false");
                }
            }
            case INT -> {
                if (Scalars.integer(value).isEmpty()) {
                    problems.add(value.location(), where + " must be a whole number");
                }
            }
            case MODE -> {
                if (!(value instanceof YScalar s) || !s.text().matches("0?[0-7]{3,4}")) {
                    problems.add(value.location(), where + " must be an octal mode like 0640",
                            "symbolic modes (u+rw) are not supported");
                }
            }
            case LIST -> {
                if (!(value instanceof YSeq)) {
                    problems.add(value.location(), where + " must be a list");
                }
            }
            case MAP -> {
                if (!(value instanceof YMap)) {
                    problems.add(value.location(), where + " must be a map");
                }
            }
            case STRING, PATH -> {
                if (!(value instanceof YScalar)) {
                    problems.add(value.location(), where + " must be a string, not " + value.kind());
                }
            }
            case ANY -> {
            }
        }
        if (p.format().isPresent() && value instanceof YScalar s && !p.format().get().matches(s.text())) {
            problems.add(value.location(), where + " must be " + p.format().get().shape() + ", not '" + s.text() + "'");
        }
        if (!p.choices().isEmpty() && value instanceof YScalar s && !p.choices().contains(s.text())) {
            problems.add(value.location(), where + " must be one of " + String.join(", ", p.choices()) + ", not '"
                    + s.text() + "'", Suggestions.didYouMean(s.text(), p.choices()));
        }
    }
}
