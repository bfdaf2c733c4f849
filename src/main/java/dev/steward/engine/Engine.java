package dev.steward.engine;

import dev.steward.check.PublishedPorts;
import dev.steward.check.StackPreflight;
import dev.steward.check.UndefinedVariables;
import dev.steward.exec.Connector;
import dev.steward.exec.Interruption;
import dev.steward.lock.DeployLocks;
import dev.steward.lock.HostLock;
import dev.steward.lock.LockHolder;
import dev.steward.lock.LockOptions;
import dev.steward.health.HealthReport;
import dev.steward.health.HealthRunner;
import dev.steward.exec.PlaybookRunner;
import dev.steward.exec.RunSettings;
import dev.steward.exec.TagFilter;
import dev.steward.exec.SshConnector;
import dev.steward.inventory.Host;
import dev.steward.inventory.HostPattern;
import dev.steward.inventory.Inventory;
import dev.steward.inventory.InventoryReader;
import dev.steward.inventory.LocalUser;
import dev.steward.module.ModuleRegistry;
import dev.steward.playbook.ModuleCatalog;
import dev.steward.playbook.Play;
import dev.steward.playbook.Playbook;
import dev.steward.playbook.PlaybookReader;
import dev.steward.playbook.Task;
import dev.steward.playbook.TaskOptions;
import dev.steward.report.HostResult;
import dev.steward.report.Recap;
import dev.steward.report.RedactingReporter;
import dev.steward.report.Redactor;
import dev.steward.report.Reporter;
import dev.steward.secrets.VaultFiles;
import dev.steward.source.Problem;
import dev.steward.source.Problems;
import dev.steward.source.SourceLocation;
import dev.steward.source.Suggestions;
import dev.steward.source.ValidationException;
import dev.steward.source.YNode;
import dev.steward.template.TemplateEngine;
import dev.steward.transport.Connection;
import dev.steward.transport.TransportException;
import dev.steward.transport.ssh.SshTransport;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The facade the CLI calls. Reads and checks everything first (collecting every problem, then
 * failing once with a {@link dev.steward.source.ValidationException} before any connection), then runs.
 */
public final class Engine {

    /** The environment variable that holds a private key's passphrase. */
    public static final String KEY_PASSPHRASE_ENV = "STEWARD_KEY_PASSPHRASE";

    /** How long one remote command may run before the host is reported as failed. */
    private static final Duration COMMAND_TIMEOUT = Duration.ofHours(1);

    private final ModuleRegistry modules = ModuleRegistry.standard();
    private final TemplateEngine templates = new TemplateEngine();
    private final Function<Inventory, Connector> connectors;
    private final Path workDir;
    private VaultFiles vault = VaultFiles.none();
    private Interruption interruption = Interruption.NEVER;

    /** An engine that reaches hosts over SSH. */
    public Engine() {
        this(() -> Optional.ofNullable(System.getenv(KEY_PASSPHRASE_ENV)));
    }

    /** An engine that reaches hosts over SSH and asks {@code passphrase} for encrypted keys. */
    public Engine(java.util.function.Supplier<Optional<String>> passphrase) {
        this(sshConnectors(passphrase));
    }

    /** Also starts preparing sshj while this engine is built and the playbook read (a faster first connection). */
    private static Function<Inventory, Connector> sshConnectors(java.util.function.Supplier<Optional<String>> passphrase) {
        SshTransport.prepareInBackground();
        return inventory -> new SshConnector(inventory, passphrase);
    }

    /** An engine that reaches hosts through {@code connectors} (engine tests script their hosts). */
    public Engine(Function<Inventory, Connector> connectors) {
        this(connectors, Path.of(""));
    }

    /**
     * An engine that reaches hosts through {@code connectors} and keeps {@code .steward/retry/} under
     * {@code workDir} (the working directory by default; tests give a temporary folder).
     */
    public Engine(Function<Inventory, Connector> connectors, Path workDir) {
        this.connectors = connectors;
        this.workDir = workDir;
    }

    /**
     * Opens vars files that are whole vault files with {@code vault}'s password, and masks every value
     * that came out of them; without it, such a file is a problem that asks for a password.
     */
    public Engine withVault(VaultFiles vault) {
        this.vault = vault;
        return this;
    }

    /**
     * Lets {@code interruption} (Ctrl-C) stop a run cleanly: the step in flight finishes, the deploy
     * locks are released, and the run ends with {@link RunSummary#INTERRUPTED} and how to resume.
     */
    public Engine withInterruption(Interruption interruption) {
        this.interruption = interruption;
        return this;
    }

    /**
     * Runs a playbook. Unless it is a check run, first takes the deploy lock on every target host
     * (refusing with {@link dev.steward.lock.DeployLockedException} when another run holds one) and
     * releases them at the end, whatever happened; a check run only warns about held locks.
     */
    public RunSummary play(PlayRequest request) throws InterruptedException {
        Prepared prepared = prepare(request.playbook(), request.inventory(), request.limit(), request.extraVars());
        RunSettings settings = new RunSettings(request.forks(), prepared.extraVars(), COMMAND_TIMEOUT, request.check(),
                request.diff(), TagFilter.of(request.tags(), request.skipTags()), request.startAtTask(),
                request.forceHandlers(), interruption);
        Reporter reporter = new RedactingReporter(request.reporter(), new Redactor(
                KnownSecrets.of(prepared.inventory(), prepared.playbook(), prepared.extraVars(), vault.secrets())));
        prepared.warnings().forEach(w -> reporter.warning(w.toString()));
        Inventory inventory = prepared.inventory();
        RunOutcome outcome;
        try (Interruption.Watch watching = interruption.watch()) {
            if (!request.lock().enabled()) {
                outcome = execute(prepared.playbook(), inventory, prepared.plays(), settings, reporter,
                        connectors.apply(inventory));
            } else {
                outcome = playLocked(request.lock(), prepared, settings, reporter);
            }
        }
        RetryFile.update(workDir, request.playbook(), outcome.failedHosts(), reporter);
        if (outcome.interrupted()) {
            // only `play` takes --start-at-task; `upgrade` and `restore` simply run again
            Optional<String> startAt = outcome.stoppedBefore().filter(t -> request.lock().command().startsWith("play "));
            reporter.warning("interrupted: the step in flight finished, nothing after it started"
                    + (request.lock().enabled() && !request.check() ? ", and the deploy locks were released" : "")
                    + ". To resume, run the same command again"
                    + startAt.map(t -> " with --start-at-task '" + t + "', or without it").orElse("")
                    + (outcome.stoppedBefore().isPresent() ? " (every task checks before it acts)" : "")
                    + ".");
            return new RunSummary(outcome.summary().recap(), RunSummary.INTERRUPTED);
        }
        return outcome.summary();
    }

    private RunOutcome playLocked(LockOptions lock, Prepared prepared, RunSettings settings, Reporter reporter)
            throws InterruptedException {
        Inventory inventory = prepared.inventory();
        List<Host> targets = prepared.plays().stream().flatMap(e -> e.getValue().stream()).distinct().toList();
        Connector connector = connectors.apply(inventory);
        if (settings.check()) {
            try (DeployLocks locks = DeployLocks.inspect(inventory, targets, connector, settings.forks(), reporter)) {
                return execute(prepared.playbook(), inventory, prepared.plays(), settings, reporter, locks.connector());
            }
        }
        try (DeployLocks locks = DeployLocks.take(inventory, targets, connector, LockHolder.here(lock.command()),
                lock.breakLock(), settings.forks(), reporter)) {
            // a host whose lock cannot be written (sudo refused…) fails alone, untouched; the others run
            Set<String> notLocked = locks.notLocked().stream().map(HostLock::host).collect(Collectors.toSet());
            List<HostResult> failedEarly = locks.notLocked().stream().map(f -> new HostResult(f.host(),
                    "deploy lock", "lock", dev.steward.report.Status.FAILED, f.message(), Map.of(), Duration.ZERO,
                    false)).toList();
            List<Map.Entry<Play, List<Host>>> plays = prepared.plays().stream()
                    .<Map.Entry<Play, List<Host>>>map(e -> new AbstractMap.SimpleEntry<>(e.getKey(), e.getValue()
                            .stream().filter(h -> !notLocked.contains(h.name())).toList())).toList();
            try {
                return execute(prepared.playbook(), inventory, plays, settings, reporter, locks.connector(),
                        failedEarly);
            } finally {
                locks.release(reporter);
            }
        }
    }

    /**
     * Everything read and checked, before any connection: what {@code play}, {@code check} and the lists use.
     *
     * @param warnings what the checks found worth saying that is not a mistake (printed, never fatal)
     */
    public record Prepared(Playbook playbook, Inventory inventory, List<Map.Entry<Play, List<Host>>> plays,
            Map<String, Object> extraVars, List<Problem> warnings) {
    }

    /**
     * Reads the inventory and the playbook and checks them, collecting every problem, then fails once
     * with a {@link dev.steward.source.ValidationException}; no host is contacted.
     */
    public Prepared prepare(Path playbookFile, Path inventoryFile, Optional<String> limit, List<String> extraVarsGiven) {
        Inventory inventory = new InventoryReader(LocalUser.current(), vault).readFile(inventoryFile);
        Problems problems = new Problems();
        Playbook playbook = new PlaybookReader(catalog(), vault).read(playbookFile, problems);
        Map<String, Object> extraVars = ExtraVars.read(extraVarsGiven, problems);
        List<Problem> readingProblems = List.copyOf(problems.list());
        Optional<Set<String>> only = limit.map(l -> limitHosts(l, inventory, problems));
        List<Map.Entry<Play, List<Host>>> plays = new ArrayList<>();
        for (Play play : playbook.plays()) {
            inventory.checkPattern(play.hosts(), play.location(), problems);
            List<Host> hosts = inventory.select(play.hosts()).stream()
                    .filter(h -> only.map(l -> l.contains(h.name())).orElse(true)).toList();
            plays.add(new AbstractMap.SimpleEntry<>(play, hosts));
        }
        new PlaybookCheck(templates, inventory, extraVars).check(playbook, problems);
        new UndefinedVariables(inventory, extraVars, templates).check(playbook, plays, readingProblems, problems);
        new StackPreflight(inventory, extraVars, templates).check(problems);
        new PublishedPorts(inventory, extraVars, templates).check(playbook, plays, problems);
        problems.throwIfAny();
        return new Prepared(playbook, inventory, plays, extraVars, List.copyOf(problems.warnings()));
    }

    /**
     * {@code steward ping}: a one-task play of the {@code ping} module on every host, with sudo unless
     * {@code become} is false. Same connections, same exit codes as a playbook.
     */
    public RunSummary ping(Path inventoryFile, Optional<String> limit, int forks, boolean become, Reporter reporter)
            throws InterruptedException {
        Inventory inventory = new InventoryReader(LocalUser.current(), vault).readFile(inventoryFile);
        Problems problems = new Problems();
        Optional<Set<String>> only = limit.map(l -> limitHosts(l, inventory, problems));
        problems.throwIfAny();
        SourceLocation where = new SourceLocation(inventoryFile.toString(), 0, 0);
        Path dir = inventoryFile.toAbsolutePath().getParent();
        TaskOptions asRoot = new TaskOptions(List.of(), Optional.of(become), Optional.empty(), List.of(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Map.of(), Map.of(), where);
        Task task = new Task("ping", where, "ping", where, new YNode.YScalar(where, "", true), asRoot,
                Optional.empty(), Optional.empty(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                List.of(), dir);
        Play play = new Play("ping", "all", where, TaskOptions.NONE, Map.of(), where, List.of(), false, false, false,
                List.of(), List.of(task), List.of(), List.of(), Map.of(), Map.of(), Play.Batching.NONE);
        List<Host> hosts = inventory.select("all").stream()
                .filter(h -> only.map(l -> l.contains(h.name())).orElse(true)).toList();
        Playbook playbook = new Playbook(inventoryFile, dir, List.of(play));
        return execute(playbook, inventory, List.of(new AbstractMap.SimpleEntry<>(play, hosts)),
                new RunSettings(forks, Map.of(), COMMAND_TIMEOUT), reporter, connectors.apply(inventory)).summary();
    }

    /**
     * {@code steward health}: read-only probes on every selected host over the same connections as
     * {@code play} (see {@link HealthRunner}); every known secret is masked in the rows.
     */
    public HealthReport health(Path inventoryFile, Optional<String> limit, int forks) throws InterruptedException {
        Inventory inventory = new InventoryReader(LocalUser.current(), vault).readFile(inventoryFile);
        Problems problems = new Problems();
        Optional<Set<String>> only = limit.map(l -> limitHosts(l, inventory, problems));
        problems.throwIfAny();
        List<Host> hosts = inventory.select("all").stream()
                .filter(h -> only.map(l -> l.contains(h.name())).orElse(true)).toList();
        List<String> secrets = new ArrayList<>(KnownSecrets.of(inventory,
                new Playbook(inventoryFile, inventoryFile.toAbsolutePath().getParent(), List.of()), Map.of(),
                vault.secrets()));
        for (Host h : inventory.hosts().values()) {
            HealthRunner.rpcNodes(inventory.varsFor(h.name()).get("chainlink_chains"))
                    .forEach(rpc -> secrets.add(rpc.url())); // provider URLs carry API keys in their paths
        }
        return new HealthRunner(inventory, connectors.apply(inventory), new Redactor(secrets), forks).run(hosts);
    }

    /**
     * {@code steward reach}: the stack's firewall policy tested from the controller and from every
     * selected host (see {@link dev.steward.reach.ReachRunner}); read-only.
     */
    public dev.steward.reach.ReachReport reach(Path inventoryFile, Optional<String> limit, int forks)
            throws InterruptedException {
        Inventory inventory = new InventoryReader(LocalUser.current(), vault).readFile(inventoryFile);
        Problems problems = new Problems();
        Optional<Set<String>> only = limit.map(l -> limitHosts(l, inventory, problems));
        problems.throwIfAny();
        List<Host> sources = inventory.select("all").stream()
                .filter(h -> only.map(l -> l.contains(h.name())).orElse(true)).toList();
        return new dev.steward.reach.ReachRunner(inventory, connectors.apply(inventory), forks).run(sources);
    }

    /**
     * {@code steward tunnel}: connects to {@code hostName} with its inventory SSH settings and forwards
     * connections accepted on {@code local} (bound by the caller, on 127.0.0.1) to the host's own
     * {@code 127.0.0.1:remotePort}.
     *
     * @throws ValidationException when the inventory has no such host (nothing is connected)
     * @throws TransportException when the host cannot be reached
     */
    public Tunnel tunnel(Path inventoryFile, String hostName, ServerSocket local, int remotePort) throws TransportException {
        Inventory inventory = new InventoryReader(LocalUser.current(), vault).readFile(inventoryFile);
        Optional<Host> host = inventory.host(hostName);
        if (host.isEmpty()) {
            Problems problems = new Problems();
            String hint = Suggestions.didYouMean(hostName, inventory.hosts().keySet());
            problems.add(new SourceLocation(inventoryFile.toString(), 0, 0), "no host '" + hostName + "' in this inventory",
                    hint.isEmpty() ? "see the host names with: steward inventory -i " + inventoryFile + " --graph" : hint);
            problems.throwIfAny();
        }
        Connection connection = connectors.apply(inventory).connect(host.orElseThrow());
        try {
            return new Tunnel(connection, connection.forward(local, "127.0.0.1", remotePort));
        } catch (TransportException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private record RunOutcome(RunSummary summary, List<String> failedHosts, boolean interrupted,
            Optional<String> stoppedBefore) {
    }

    private RunOutcome execute(Playbook playbook, Inventory inventory, List<Map.Entry<Play, List<Host>>> plays,
            RunSettings settings, Reporter reporter, Connector connector) throws InterruptedException {
        return execute(playbook, inventory, plays, settings, reporter, connector, List.of());
    }

    /** @param failedEarly hosts that failed before the run (and are not in {@code plays}): reported and counted */
    private RunOutcome execute(Playbook playbook, Inventory inventory, List<Map.Entry<Play, List<Host>>> plays,
            RunSettings settings, Reporter reporter, Connector connector, List<HostResult> failedEarly)
            throws InterruptedException {
        Recap recap = new Recap();
        for (HostResult r : failedEarly) {
            recap.count(r);
            reporter.hostResult(r);
        }
        List<String> failed;
        boolean interrupted;
        Optional<String> stoppedBefore;
        try (PlaybookRunner runner = new PlaybookRunner(playbook, inventory, modules, templates, reporter, recap,
                settings, connector)) {
            runner.run(plays);
            failed = new ArrayList<>(failedEarly.stream().map(HostResult::host).toList());
            failed.addAll(runner.hostsThatFailed());
            interrupted = runner.interrupted();
            stoppedBefore = runner.stoppedBefore();
        }
        reporter.recap(recap);
        return new RunOutcome(RunSummary.of(recap), failed, interrupted, stoppedBefore);
    }

    /** {@code --limit}: a host pattern, or {@code @file} listing hosts one per line (a retry file). */
    static Set<String> limitHosts(String limit, Inventory inventory, Problems problems) {
        SourceLocation where = new SourceLocation("--limit", 0, 0);
        Set<String> names = new LinkedHashSet<>();
        if (limit.startsWith("@")) {
            try {
                for (String line : Files.readAllLines(Path.of(limit.substring(1)))) {
                    if (!line.isBlank()) {
                        names.addAll(inventory.select(line.strip()).stream().map(Host::name).toList());
                    }
                }
                if (names.isEmpty()) {
                    problems.add(where, "the limit file " + limit.substring(1) + " names no host of "
                            + inventory.source(), "see the names with: steward inventory --graph");
                }
            } catch (IOException e) {
                problems.add(where, "cannot read the limit file " + limit.substring(1) + ": " + e.getMessage());
            }
            return names;
        }
        int before = problems.list().size();
        HostPattern.parse(limit).check(inventory, where, problems);
        inventory.select(limit).forEach(h -> names.add(h.name()));
        if (names.isEmpty() && problems.list().size() == before) {
            problems.add(where, "--limit '" + limit + "' selects no host of " + inventory.source(),
                    "see the names with: steward inventory --graph");
        }
        return names;
    }

    public ModuleCatalog catalog() {
        return new ModuleCatalog() {
            @Override
            public Set<String> names() {
                return modules.names();
            }

            @Override
            public void check(String module, YNode args, Problems problems) {
                modules.check(module, args, problems);
            }
        };
    }

    public ModuleRegistry modules() {
        return modules;
    }
}
