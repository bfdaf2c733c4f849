package dev.steward.cli;

import dev.steward.engine.RunSummary;
import dev.steward.source.Problem;
import dev.steward.source.ValidationException;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code steward}: the command line. Each subcommand builds a request, calls the engine, returns an exit code. */
@Command(name = "steward", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Runs YAML playbooks over SSH; provisions and operates Chainlink nodes.")
public final class Main implements Runnable {

    /**
     * The subcommands, in the order the help lists them. Not in the annotation: picocli would then
     * build the model of every one of them (reflection over all their options) at each start;
     * {@link #execute} registers only the one named, when one is.
     */
    static final List<Class<?>> COMMANDS = List.of(PlayCommand.class, CheckCommand.class, PingCommand.class,
            HealthCommand.class, InventoryCommand.class, LabCommand.class, DemoCommand.class, SchemaCommand.class,
            VaultCommand.class, DocCommand.class, TunnelCommand.class, ReachCommand.class, UpgradeCommand.class,
            RestoreCommand.class, CommandLine.HelpCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command");
    }

    public static void main(String[] args) {
        InterruptHandler.install();
        System.exit(execute(args));
    }

    /** Runs the command line and returns Ansible's exit code for the outcome. */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new Main());
        for (Class<?> command : commandsFor(args)) {
            cli.addSubcommand(command);
        }
        cli.setExpandAtFiles(false); // '--limit @FILE' names a retry file, not more arguments
        cli.setExecutionExceptionHandler(Main::onException);
        cli.setParameterExceptionHandler((e, a) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("steward: " + e.getMessage());
            err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return RunSummary.BAD_OPTIONS;
        });
        return cli.execute(args);
    }

    /**
     * Only the subcommand named first, when it is one (and not {@code help}, which describes the
     * others); otherwise all of them, for the command list of the help.
     */
    static List<Class<?>> commandsFor(String... args) {
        if (args.length > 0) {
            for (Class<?> command : COMMANDS) {
                if (command != CommandLine.HelpCommand.class
                        && command.getAnnotation(Command.class).name().equals(args[0])) {
                    return List.of(command);
                }
            }
        }
        return COMMANDS;
    }

    /** The exit code and message for an exception a command threw (package-visible for its test). */
    static int onException(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        if (e instanceof ValidationException v) {
            for (Problem w : v.warnings()) {
                err.println("WARNING: " + w);
            }
            for (Problem p : v.problems()) {
                err.println("ERROR: " + p);
            }
            err.println(v.problems().size() + (v.problems().size() == 1 ? " problem" : " problems")
                    + " found; nothing was changed on any host.");
            return RunSummary.INVALID;
        }
        if (e instanceof dev.steward.lock.DeployLockedException locked) {
            err.println("ERROR: " + locked.getMessage());
            return RunSummary.ERROR;
        }
        if (e instanceof InterruptedException) {
            err.println("interrupted");
            return RunSummary.INTERRUPTED;
        }
        err.println("steward: unexpected error: " + e);
        for (StackTraceElement el : e.getStackTrace()) {
            err.println("    at " + el);
        }
        return RunSummary.UNEXPECTED;
    }
}
