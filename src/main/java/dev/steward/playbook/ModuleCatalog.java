package dev.steward.playbook;

import dev.steward.source.Problems;
import dev.steward.source.YNode;
import java.util.Set;

/** What the parser needs to know of modules: their names, and how to check a call's parameters. */
public interface ModuleCatalog {

    Set<String> names();

    /** Reports problems with a module call's parameters as written (before any rendering). */
    void check(String module, YNode args, Problems problems);
}
