package dev.steward.exec;

import dev.steward.module.ModuleContext;
import dev.steward.module.ModuleFailure;
import dev.steward.playbook.Task;
import dev.steward.template.TemplateError;
import dev.steward.vars.Vars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
