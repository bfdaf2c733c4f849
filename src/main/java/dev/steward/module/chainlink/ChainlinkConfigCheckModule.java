package dev.steward.module.chainlink;

import dev.steward.module.Module;
import dev.steward.module.ModuleCall;
import dev.steward.module.ModuleFailure;
import dev.steward.module.ModuleSpec;
import dev.steward.module.Param;
import dev.steward.module.ParamType;
import dev.steward.module.Plan;
import dev.steward.module.Result;
import dev.steward.remote.BecomeException;
import dev.steward.transport.TransportException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code chainlink_config_check}: renders the node's {@code config.toml} and {@code secrets.toml}
 * templates with the host's variables, on the controller, and fails unless both parse as TOML and
 * use only keys Chainlink knows ({@link ChainlinkKeys}); with {@code image}, and when that image is on
 * the host, the node validates them itself ({@link NodeValidation}). Nothing changes on the host, so it
 * runs in check mode too; the secrets file's content is never shown.
 */
public final class ChainlinkConfigCheckModule implements Module {

    private static final ModuleSpec SPEC = new ModuleSpec(
            "Fails unless the rendered Chainlink config.toml and secrets.toml parse and use only keys Chainlink knows.",
            List.of(Param.required("config", ParamType.STRING, "the config.toml template (.ftl), as for template's src"),
                    Param.optional("secrets", ParamType.STRING, "the secrets.toml template (.ftl), as for template's src"),
                    Param.optional("image", ParamType.STRING, "the node image (name:tag); when it is on the host, the"
                            + " rendered files are also checked by the node itself: `chainlink node -config … -secrets …"
                            + " validate` in a throw-away container (needs become for docker; the files reach the host"
                            + " on stdin, never on a command line, and are removed)")),
            Optional.empty(), List.of(), List.of());

    @Override
    public String name() {
        return "chainlink_config_check";
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public Plan plan(ModuleCall call) throws ModuleFailure, TransportException, BecomeException, InterruptedException {
        List<String> found = new ArrayList<>();
        String config = call.args().required("config");
        String configText = check(call, config, ChainlinkKeys.config(), false, found);
        Optional<String> secrets = call.args().string("secrets");
        String secretsText = secrets.isPresent() ? check(call, secrets.get(), ChainlinkKeys.secrets(), true, found) : "";
        if (!found.isEmpty()) {
            throw new ModuleFailure(String.join("; ", found) + " (fix the template or the variable it renders;"
                    + " the node would refuse to start)", Map.of("problems", List.copyOf(found)));
        }
        String checked = config + secrets.map(s -> " and " + s).orElse("") + ": valid TOML, every key known to Chainlink";
        Optional<String> image = call.args().string("image");
        if (image.isEmpty()) {
            return new Plan.Unchanged(Result.ok(checked));
        }
        NodeValidation.Outcome validated = NodeValidation.run(call.probe(), image.get(), configText, secretsText, config,
                secrets.orElse("secrets.toml"));
        if (validated instanceof NodeValidation.Invalid invalid) {
            throw new ModuleFailure("the node refuses its files: `chainlink node validate` in " + image.get()
                    + " says: " + invalid.message() + " (fix the template or the variable it renders;"
                    + " the node would refuse to start)", Map.of());
        }
        return new Plan.Unchanged(Result.ok(checked + (validated instanceof NodeValidation.NotRun notRun
                ? "; the node's validate not run: " + notRun.why()
                : "; " + image.get() + " validates them (chainlink node validate)")));
    }

    /** Renders the template, adds what is wrong with it to {@code found}, and returns the text. */
    private static String check(ModuleCall call, String template, ChainlinkKeys keys, boolean secret, List<String> found)
            throws ModuleFailure {
        String text = call.context().renderTemplate(call.context().findTemplate(template));
        for (ChainlinkKeys.Finding f : keys.check(text, secret)) {
            found.add(template + " rendered, " + f);
        }
        return text;
    }
}
