package dev.steward.exec;

import dev.steward.inventory.Host;
import dev.steward.inventory.SshSettings;
import dev.steward.module.ModuleContext;
import dev.steward.module.ModuleFailure;
import dev.steward.playbook.Task;
import dev.steward.template.TemplateError;
import dev.steward.transport.Connection;
import dev.steward.transport.TransportException;
import dev.steward.vars.Vars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What modules may ask of the run: templates and files (the role's first, then the playbook's,
 * then the project's top-level {@code templates/} and {@code files/}), and the host's variables;
 * progress lines go to the run's reporter, named by the host.
 */
final class PlaybookFiles implements ModuleContext {

    private final RunContext run;
    private final Vars vars;
    private final Task task;
    private final String host;

    PlaybookFiles(RunContext run, Vars vars, Task task, String host) {
        this.run = run;
        this.vars = vars;
        this.task = task;
        this.host = host;
    }

    @Override
    public void progress(String line) {
        run.reporter().progress(host, line);
    }

    @Override
    public Path findTemplate(String name) throws ModuleFailure {
        return find(name, "templates");
    }

    @Override
    public Path findFile(String name) throws ModuleFailure {
        return find(name, "files");
    }

    private Path find(String name, String folder) throws ModuleFailure {
        List<Path> candidates = FileLookup.candidates(name, folder, task.baseDir(), run.playbook().dir());
        for (Path p : candidates) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new ModuleFailure("'" + name + "' not found; looked in " + candidates);
    }

    @Override
    public Path controllerPath(String path) {
        Path p = Path.of(path);
        return p.isAbsolute() ? p : run.playbook().dir().resolve(p).toAbsolutePath().normalize();
    }

    @Override
    public Connection openLogin(String user, Path privateKey) throws ModuleFailure {
        Host host = run.inventory().host(this.host).orElseThrow(
                () -> new ModuleFailure("'" + this.host + "' is not an inventory host: there is no SSH login to prove"));
        SshSettings s = host.ssh();
        SshSettings login = new SshSettings(s.host(), s.port(), user, Optional.of(inventoryPath(privateKey)), Optional.empty(),
                s.knownHosts(), s.hostKeyChecking(), s.jump(), s.connectTimeout(), Optional.empty());
        try {
            return run.connector().connect(new Host(host.name(), login, host.address(), host.vars(), host.location()));
        } catch (TransportException e) {
            throw new ModuleFailure("no SSH login as " + login.describe() + " with the key " + privateKey + ": "
                    + e.getMessage());
        }
    }

    /** As the inventory reads {@code ssh.private_key}: {@code ~} is the home folder, relative is beside the inventory. */
    private Path inventoryPath(Path path) {
        String text = path.toString();
        Path home = Path.of(System.getProperty("user.home"));
        if (text.equals("~")) {
            return home;
        }
        if (text.startsWith("~/")) {
            return home.resolve(text.substring(2)).normalize();
        }
        Path folder = run.inventory().source().toAbsolutePath().getParent();
        return folder.resolve(path).toAbsolutePath().normalize();
    }

    @Override
    public String renderTemplate(Path file) throws ModuleFailure {
        try {
            return run.templates().renderFile(file, vars);
        } catch (TemplateError e) {
            throw new ModuleFailure(e.describe());
        }
    }

    @Override
    public Object evaluate(String expression) throws ModuleFailure {
        try {
            return run.templates().evaluate("${" + expression + "}", vars, task.args().location());
        } catch (TemplateError e) {
            throw new ModuleFailure(e.describe());
        }
    }

    @Override
    public boolean test(String condition) throws ModuleFailure {
        try {
            return run.templates().condition(condition, vars, task.args().location());
        } catch (TemplateError e) {
            throw new ModuleFailure(e.describe());
        }
    }
}
