package dev.steward.cli;

import dev.steward.lab.DockerCli;
import dev.steward.lab.Lab;
import dev.steward.lab.LabException;
import dev.steward.lab.LabHost;
import dev.steward.lab.LabName;
import dev.steward.lab.LabStatus;
import dev.steward.lab.LabSuite;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code steward lab up|status|down}: disposable local hosts (containers with systemd and sshd). */
@Command(name = "lab",
        description = "Disposable local hosts for trying playbooks: Debian containers with systemd and sshd.",
        mixinStandardHelpOptions = true, versionProvider = Version.class,
        subcommands = {LabCommand.Up.class, LabCommand.Status.class, LabCommand.Down.class})
public final class LabCommand implements Callable<Integer> {

    static final int OK = 0;
    static final int ERROR = 1;
    static final int BAD_OPTIONS = 5;
    static final int MAX_HOSTS = 20;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return BAD_OPTIONS;
    }

    /** {@code --name}: a bad name is a usage error (exit 5), reported before anything runs. */
    static final class LabNameConverter implements ITypeConverter<LabName> {
        @Override
        public LabName convert(String value) {
            try {
                return new LabName(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code --name}, as every lab subcommand takes it. */
    static final class NameOption {
        @Option(names = "--name", defaultValue = "steward-lab", paramLabel = "NAME", converter = LabNameConverter.class,
                description = "The lab's name: its containers are NAME-1, NAME-2… (default: ${DEFAULT-VALUE}).")
        LabName name;

        /** The lab so named, driven by the {@code docker} on PATH. */
        Lab lab() {
            return new Lab(new DockerCli(), name);
        }
    }

    /** What a lab subcommand does, printing its outcome to {@code out}. */
    interface LabAction {
        void run(PrintWriter out) throws Exception;
    }

    /** Runs one lab action: exit code 0, or a {@link LabException}'s message and exit code 1. */
    static int run(CommandSpec spec, LabAction action) throws Exception {
        try {
            PrintWriter out = spec.commandLine().getOut();
            action.run(out);
            out.flush();
            return OK;
        } catch (LabException e) {
            spec.commandLine().getErr().println("steward lab: " + e.getMessage());
            return ERROR;
        }
    }

    @Command(name = "up", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Start lab hosts (reusing those that exist) and write DIR/inventory.yml.")
    static final class Up implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--hosts", defaultValue = "3", paramLabel = "N", description = "How many hosts (default: ${DEFAULT-VALUE}).")
        int hosts;

        @Option(names = "--suite", defaultValue = "trixie", paramLabel = "SUITE", description = "trixie (Debian 13, default) or bookworm (Debian 12).")
        String suite;

        @Mixin
        NameOption labName;

        @Option(names = "--dir", defaultValue = "lab", paramLabel = "DIR", description = "Folder for the key pair, inventory.yml and known_hosts (default: ${DEFAULT-VALUE}).")
        Path dir;

        @Override
        public Integer call() throws Exception {
            PrintWriter err = spec.commandLine().getErr();
            if (hosts < 1 || hosts > MAX_HOSTS) {
                err.println("steward lab up: --hosts must be between 1 and " + MAX_HOSTS + ", got " + hosts);
                return BAD_OPTIONS;
            }
            LabSuite labSuite;
            try {
                labSuite = LabSuite.parse(suite);
            } catch (IllegalArgumentException e) {
                err.println("steward lab up: --suite: " + e.getMessage());
                return BAD_OPTIONS;
            }
            return run(spec, out -> {
                List<LabHost> started = labName.lab().up(hosts, labSuite, dir);
                out.print(LabHostTable.render(started));
                Path inventory = dir.resolve("inventory.yml");
                out.println();
                out.println("inventory: " + inventory);
                out.println("try:       steward play PLAYBOOK -i " + inventory);
            });
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, versionProvider = Version.class, description = "Show the lab's hosts.")
    static final class Status implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        NameOption labName;

        @Option(names = "--dir", defaultValue = "lab", paramLabel = "DIR", description = "The lab folder (default: ${DEFAULT-VALUE}).")
        Path dir;

        @Override
        public Integer call() throws Exception {
            return run(spec, out -> {
                LabStatus status = labName.lab().status(dir);
                if (status.hosts().isEmpty()) {
                    out.println("no lab hosts: start some with `steward lab up`");
                } else {
                    out.print(LabHostTable.render(status.hosts()));
                }
                status.inventory().ifPresent(inventory -> out.println("inventory: " + inventory));
            });
        }
    }

    @Command(name = "down", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Remove the lab's hosts, inventory.yml and known_hosts (the key pair stays).")
    static final class Down implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        NameOption labName;

        @Option(names = "--dir", defaultValue = "lab", paramLabel = "DIR", description = "The lab folder (default: ${DEFAULT-VALUE}).")
        Path dir;

        @Override
        public Integer call() throws Exception {
            return run(spec, out -> {
                List<LabHost> removed = labName.lab().down(dir);
                out.println(removed.isEmpty() ? "no lab hosts to remove"
                        : "removed " + removed.size() + " lab host" + (removed.size() == 1 ? "" : "s") + ": "
                                + String.join(", ", removed.stream().map(LabHost::container).toList()));
            });
        }
    }
}
