package dev.steward.module.files;

import dev.steward.module.Args;
import dev.steward.module.Module;
import dev.steward.module.ModuleCall;
import dev.steward.module.ModuleFailure;
import dev.steward.module.ModuleSpec;
import dev.steward.module.Param;
import dev.steward.module.ParamType;
import dev.steward.module.Plan;
import dev.steward.remote.BecomeException;
import dev.steward.transport.TransportException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code template}: renders a FreeMarker file with the host's variables, then behaves as {@code copy}. */
public final class TemplateModule implements Module {

    private static final ModuleSpec SPEC;

    static {
        List<Param> params = new ArrayList<>();
        params.add(Param.required("src", ParamType.PATH, "the template: templates/NAME or NAME beside the playbook (.ftl)"));
        params.add(Param.required("dest", ParamType.PATH, "the absolute path of the file on the host"));
        params.addAll(Ownership.PARAMS);
        SPEC = new ModuleSpec("Renders a FreeMarker template to a file on the host, atomically.", params,
                Optional.empty(), List.of(), List.of());
    }

    @Override
    public String name() {
        return "template";
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public Plan plan(ModuleCall call) throws ModuleFailure, TransportException, BecomeException, InterruptedException {
        Args args = call.args();
        String rendered = call.context().renderTemplate(call.context().findTemplate(args.required("src")));
        return ContentPlanner.plan(call, args.required("dest"), ContentPlanner.utf8(rendered), Ownership.of(args));
    }
}
