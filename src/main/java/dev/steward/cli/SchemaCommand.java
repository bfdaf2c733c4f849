package dev.steward.cli;

import dev.steward.module.ModuleRegistry;
import dev.steward.schema.SchemaGenerator;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "schema", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Print the JSON Schema of playbooks or of the YAML inventory, for editors.",
                "With yaml-language-server, put '# yaml-language-server: $schema=playbook.schema.json' "
                        + "at the top of a file."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:printed", "5:bad options"})
final class SchemaCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "KIND", description = "playbook or inventory")
    String kind;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var schema = new SchemaGenerator(ModuleRegistry.standard()).schema(kind).orElseThrow(() ->
                new CommandLine.ParameterException(spec.commandLine(), "steward schema takes "
                        + String.join(" or ", SchemaGenerator.KINDS) + ", not '" + kind + "'"));
        spec.commandLine().getOut().print(SchemaGenerator.print(schema));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
