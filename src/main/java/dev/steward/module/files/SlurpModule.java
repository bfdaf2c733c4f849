package dev.steward.module.files;

import dev.steward.module.Module;
import dev.steward.module.ModuleCall;
import dev.steward.module.ModuleFailure;
import dev.steward.module.ModuleSpec;
import dev.steward.module.Param;
import dev.steward.module.ParamType;
import dev.steward.module.Plan;
import dev.steward.module.Result;
import dev.steward.remote.BecomeException;
import dev.steward.remote.CommandResult;
import dev.steward.remote.CommandRunner;
import dev.steward.remote.ShellQuote;
import dev.steward.transport.TransportException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code slurp}: a file's content into the result, base64 ({@code content}, {@code encoding:
 * base64}) as in Ansible, plus {@code content_text} when it is valid UTF-8. Never changes anything.
 */
public final class SlurpModule implements Module {

    private static final ModuleSpec SPEC = new ModuleSpec("Reads a file from the host into the result.", List.of(
            Param.required("src", ParamType.PATH, "the file on the host").aliases("path")),
            Optional.empty(), List.of(), List.of());

    @Override
    public String name() {
        return "slurp";
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public Plan plan(ModuleCall call) throws ModuleFailure, TransportException, BecomeException, InterruptedException {
        String src = call.args().required("src");
        String p = ShellQuote.quote(src);
        CommandResult r = call.probe().query("if [ ! -e " + p + " ]; then echo 'file not found' >&2; exit 2; fi; "
                + "if [ -d " + p + " ]; then echo 'is a directory' >&2; exit 2; fi; base64 -w0 -- " + p);
        if (r.exitCode() != 0) {
            throw new ModuleFailure("cannot read " + src + ": " + r.stderr().strip(),
                    Map.of("rc", (long) r.exitCode(), "stderr", r.stderr(), "source", src));
        }
        if (r.truncated()) {
            throw new ModuleFailure(src + " is too large to slurp (over " + CommandRunner.OUTPUT_LIMIT / (1024 * 1024)
                    + " MB as base64); use fetch", Map.of("source", src));
        }
        String base64 = r.stdout().strip();
        byte[] bytes = Base64.getDecoder().decode(base64);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("content", base64);
        data.put("encoding", "base64");
        data.put("source", src);
        utf8(bytes).ifPresent(t -> data.put("content_text", t));
        return new Plan.Unchanged(new Result(false, "read " + bytes.length + " bytes of " + src, data));
    }

    static Optional<String> utf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
