package dev.steward.module.network;

import dev.steward.module.Module;
import dev.steward.module.ModuleCall;
import dev.steward.module.ModuleFailure;
import dev.steward.module.ModuleSpec;
import dev.steward.module.Plan;
import dev.steward.module.Result;
import dev.steward.reach.Path;
import dev.steward.reach.ReachMatrix;
import dev.steward.reach.ReachProbe;
import dev.steward.reach.ReachReport;
import dev.steward.reach.ReachRow;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code reach}: from the task's host, tests the stack's policy toward every other host (the paths
 * {@code steward reach} tests from this host) and fails with the table on any mismatch. It changes
 * nothing, but it tests the firewall as it is after the play's changes, so check mode only says it
 * would run.
 */
public final class ReachModule implements Module {

    private static final ModuleSpec SPEC = new ModuleSpec(
            "Tests from this host that the stack's ports open and close as the firewall policy says.", List.of(),
            Optional.empty(), List.of(), List.of());

    @Override
    public String name() {
        return "reach";
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public Plan plan(ModuleCall call) throws ModuleFailure {
        StackVars stack = StackVars.read(call.context());
        List<Path> paths = ReachMatrix.from(stack.host(), stack.targets());
        return new Plan.Change("test " + paths.size() + " paths from " + stack.host(), false, Optional.empty(), host -> {
            var r = host.query(ReachProbe.command(paths));
            Map<String, String> answers = ReachProbe.parse(r.stdout());
            ReachReport report = new ReachReport(paths.stream()
                    .map(p -> new ReachRow(p, answers.getOrDefault(p.endpoint(), "unknown"))).toList(), List.of());
            if (!report.mismatches().isEmpty()) {
                throw new ModuleFailure("reach: " + report.mismatches().size() + " path(s) not as the firewall policy "
                        + "says:\n" + report.table(), Map.of("mismatches", (long) report.mismatches().size()));
            }
            return new Result(false, paths.size() + " paths from " + stack.host() + " as expected\n" + report.table(),
                    Map.of());
        });
    }
}
