package dev.steward.module;

import java.nio.file.Path;

/** What a module may ask of the run around it (never of the host). */
public interface ModuleContext {

    /** Finds a template file: {@code templates/NAME} beside the playbook, then NAME beside the playbook. */
    Path findTemplate(String name) throws ModuleFailure;

    /** Finds a file to copy: {@code files/NAME} beside the playbook, then NAME beside the playbook. */
    Path findFile(String name) throws ModuleFailure;

    /** Renders a template file with the host's variables. */
    String renderTemplate(Path file) throws ModuleFailure;

    /** Evaluates a bare expression with the host's variables (for {@code debug: var=…}). */
    Object evaluate(String expression) throws ModuleFailure;
}
