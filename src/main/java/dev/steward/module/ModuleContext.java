package dev.steward.module;

import dev.steward.transport.Connection;
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

    /**
     * Opens a NEW SSH connection to the task's host with its inventory settings (address, port,
     * known_hosts, jump host, timeout) but as {@code user}, authenticating with {@code privateKey}
     * only: no password, no become password. For {@code ssh_login}, which proves a login works before
     * the old way in is taken away. The caller closes the connection.
     */
    default Connection openLogin(String user, Path privateKey) throws ModuleFailure {
        throw new ModuleFailure("this run cannot open new SSH connections");
    }
}
