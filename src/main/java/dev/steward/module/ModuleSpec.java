package dev.steward.module;

import java.util.List;
import java.util.Optional;

/**
 * What a module accepts.
 *
 * @param freeForm the parameter a scalar fills ({@code shell: echo hi} fills {@code cmd}), if any
 * @param exclusive groups of parameters of which at most one may be given
 * @param oneOf groups of parameters of which exactly one must be given
 */
public record ModuleSpec(String summary, List<Param> params, Optional<String> freeForm,
        List<List<String>> exclusive, List<List<String>> oneOf) {

    public Optional<Param> param(String name) {
        return params.stream().filter(p -> p.name().equals(name) || p.aliases().contains(name)).findFirst();
    }
}
