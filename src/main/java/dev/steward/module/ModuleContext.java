package dev.steward.module;

import java.nio.file.Path;

/** What a module may ask of the run around it (never of the host). */
public interface ModuleContext {

    /** Finds a template: in the role's or playbook's {@code templates/}, then beside it. */
    Path findTemplate(String name) throws ModuleFailure;

    /** Finds a file to copy: in the role's or playbook's {@code files/}, then beside it. */
    Path findFile(String name) throws ModuleFailure;

    /** Renders a template file with the host's variables. */
    String renderTemplate(Path file) throws ModuleFailure;

    /** Evaluates a bare expression with the host's variables (for {@code debug: var=…}). */
    Object evaluate(String expression) throws ModuleFailure;

    /** Evaluates a bare condition with the host's variables (for {@code assert}). */
    boolean test(String condition) throws ModuleFailure;

    /**
     * A progress line for a long step of this call (an upload), shown on the console while it runs;
     * called from any thread. Progress is not a result: it is not registered nor part of JSON output.
     */
    default void progress(String line) {
    }

    /**
     * A path on the controller for a module that writes there ({@code fetch}): an absolute path as
     * given, a relative one beside the playbook.
     */
    default Path controllerPath(String path) {
        return Path.of(path).toAbsolutePath();
    }
}
