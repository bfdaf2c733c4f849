package dev.steward.module;

import java.util.List;
import java.util.Optional;

/**
 * What a module accepts.
 *
 * @param freeForm the parameter a scalar fills ({@code shell: echo hi} fills {@code cmd}), if any
 * @param exclusive groups of parameters of which at most one may be given
 * @param oneOf groups of parameters of which exactly one must be given
 * @param anyNames true when any variable name is a parameter ({@code set_fact})
 * @param example a short task using the module, as YAML, for {@code steward doc}; empty for a generated one
 */
public record ModuleSpec(String summary, List<Param> params, Optional<String> freeForm,
        List<List<String>> exclusive, List<List<String>> oneOf, boolean anyNames, Optional<String> example) {

    public ModuleSpec {
        example = example == null ? Optional.empty() : example;
    }

    public ModuleSpec(String summary, List<Param> params, Optional<String> freeForm, List<List<String>> exclusive,
            List<List<String>> oneOf, boolean anyNames) {
        this(summary, params, freeForm, exclusive, oneOf, anyNames, Optional.empty());
    }

    public ModuleSpec(String summary, List<Param> params, Optional<String> freeForm, List<List<String>> exclusive,
            List<List<String>> oneOf) {
        this(summary, params, freeForm, exclusive, oneOf, false);
    }

    /** The same spec with a documented example task. */
    public ModuleSpec withExample(String yaml) {
        return new ModuleSpec(summary, params, freeForm, exclusive, oneOf, anyNames, Optional.of(yaml));
    }

    public Optional<Param> param(String name) {
        Optional<Param> known = params.stream().filter(p -> p.name().equals(name) || p.aliases().contains(name))
                .findFirst();
        if (known.isEmpty() && anyNames) {
            return Optional.of(Param.optional(name, ParamType.ANY, "a variable to set"));
        }
        return known;
    }
}
