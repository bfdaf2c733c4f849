package dev.steward.cli;

import dev.steward.engine.RunSummary;
import dev.steward.module.Module;
import dev.steward.module.ModuleRegistry;
import dev.steward.module.ModuleSpec;
import dev.steward.module.Param;
import dev.steward.source.Suggestions;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code steward doc [MODULE]}: the module list, or one module's parameters, printed from the same
 * {@link ModuleSpec} that {@code steward check} validates calls with, so the page cannot drift.
 */
@Command(name = "doc", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "List the modules, or show one module's parameters and an example.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:printed", "5:no such module"})
final class DocCommand implements Callable<Integer> {

    private static final int WIDTH = 79;

    @Parameters(index = "0", arity = "0..1", paramLabel = "MODULE", description = "a module, e.g. docker_compose")
    String module;

    @Override
    public Integer call() {
        ModuleRegistry modules = ModuleRegistry.standard();
        PrintStream out = System.out;
        if (module == null) {
            int width = modules.names().stream().mapToInt(String::length).max().orElse(10) + 2;
            out.println("Modules (steward doc MODULE shows one):");
            out.println();
            for (String name : modules.names()) {
                out.printf(Locale.ROOT, "  %-" + width + "s%s%n", name, modules.find(name).orElseThrow().spec().summary());
            }
            return RunSummary.OK;
        }
        Optional<Module> found = modules.find(module);
        if (found.isEmpty()) {
            String hint = Suggestions.didYouMean(module, modules.names());
            System.err.println("steward doc: there is no module '" + module + "'" + (hint.isEmpty() ? "" : "; " + hint)
                    + " ('steward doc' lists them)");
            return RunSummary.BAD_OPTIONS;
        }
        out.print(page(module, found.get().spec()));
        return RunSummary.OK;
    }

    /** One module's page: summary, parameters, constraints, an example. */
    static String page(String name, ModuleSpec spec) {
        StringBuilder sb = new StringBuilder();
        sb.append(name).append(" — ").append(spec.summary()).append("\n\n");
        if (spec.params().isEmpty() && !spec.anyNames()) {
            sb.append("No parameters.\n");
        } else {
            sb.append("Parameters:\n");
        }
        for (Param p : spec.params()) {
            List<String> facts = new ArrayList<>();
            facts.add(p.type().name().toLowerCase(Locale.ROOT));
            facts.add(p.required() ? "required" : "optional");
            p.defaultValue().ifPresent(d -> facts.add("default: " + d));
            p.format().ifPresent(f -> facts.add("format: " + f.shape()));
            if (!p.choices().isEmpty()) {
                facts.add("choices: " + String.join(", ", p.choices()));
            }
            if (!p.aliases().isEmpty()) {
                facts.add("aliases: " + String.join(", ", p.aliases()));
            }
            sb.append("\n  ").append(p.name()).append("  (").append(String.join("; ", facts)).append(")\n");
            wrap(sb, p.doc(), "      ");
        }
        if (spec.anyNames()) {
            sb.append("\n  any variable name: the value to set\n");
        }
        List<String> rules = new ArrayList<>();
        spec.freeForm().ifPresent(f -> rules.add("A plain string fills '" + f + "': " + name + ": <" + f + ">"));
        spec.exclusive().forEach(g -> rules.add("At most one of: " + String.join(", ", g)));
        spec.oneOf().forEach(g -> rules.add("Exactly one of: " + String.join(", ", g)));
        if (!rules.isEmpty()) {
            sb.append("\n");
            rules.forEach(r -> sb.append(r).append("\n"));
        }
        sb.append("\nExample:\n\n");
        example(name, spec).lines().forEach(l -> sb.append("  ").append(l).append("\n"));
        return sb.toString();
    }

    private static String example(String name, ModuleSpec spec) {
        if (spec.example().isPresent()) {
            return spec.example().get();
        }
        List<Param> required = spec.params().stream().filter(Param::required).toList();
        if (required.isEmpty() && spec.freeForm().isPresent()) {
            return "- " + name + ": <" + spec.freeForm().get() + ">";
        }
        if (required.isEmpty()) {
            return "- " + name + ":";
        }
        StringBuilder sb = new StringBuilder("- " + name + ":");
        required.forEach(p -> sb.append("\n    ").append(p.name()).append(": <")
                .append(p.type().name().toLowerCase(Locale.ROOT)).append(">"));
        return sb.toString();
    }

    private static void wrap(StringBuilder sb, String text, String indent) {
        StringBuilder line = new StringBuilder(indent);
        for (String word : text.split("\\s+")) {
            if (line.length() > indent.length() && line.length() + 1 + word.length() > WIDTH) {
                sb.append(line).append("\n");
                line = new StringBuilder(indent);
            }
            if (line.length() > indent.length()) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > indent.length()) {
            sb.append(line).append("\n");
        }
    }
}
