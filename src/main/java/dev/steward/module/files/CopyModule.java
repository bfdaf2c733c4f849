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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code copy}: puts text ({@code content}) or a controller file ({@code src}) at {@code dest}. */
public final class CopyModule implements Module {

    private static final ModuleSpec SPEC;

    static {
        List<Param> params = new ArrayList<>();
        params.add(Param.required("dest", ParamType.PATH, "the absolute path of the file on the host"));
        params.add(Param.optional("content", ParamType.STRING, "the file's content"));
        params.add(Param.optional("src", ParamType.PATH, "a file on the controller: files/NAME or NAME beside the playbook"));
        params.addAll(Ownership.PARAMS);
        SPEC = new ModuleSpec("Copies text or a controller file to the host, atomically.", params, Optional.empty(),
                List.of(List.of("content", "src")), List.of(List.of("content", "src")));
    }

    @Override
    public String name() {
        return "copy";
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public Plan plan(ModuleCall call) throws ModuleFailure, TransportException, BecomeException, InterruptedException {
        Args args = call.args();
        byte[] content;
        if (args.has("content")) {
            content = ContentPlanner.utf8(args.required("content"));
        } else {
            Path src = call.context().findFile(args.required("src"));
            try {
                content = Files.readAllBytes(src);
            } catch (IOException e) {
                throw new ModuleFailure("cannot read " + src + ": " + e.getMessage());
            }
        }
        return ContentPlanner.plan(call, args.required("dest"), content, Ownership.of(args));
    }
}
