package dev.steward.module.chainlink;

import dev.steward.module.Module;
import dev.steward.module.ModuleCall;
import dev.steward.module.ModuleFailure;
import dev.steward.module.ModuleSpec;
import dev.steward.module.Param;
import dev.steward.module.ParamType;
import dev.steward.module.Plan;
import dev.steward.module.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code chainlink_config_check}: renders the node's {@code config.toml} and {@code secrets.toml}
 * templates with the host's variables, on the controller, and fails unless both parse as TOML and
 * use only keys Chainlink knows ({@link ChainlinkKeys}). Nothing is sent to the host and nothing
 * changes, so it runs in check mode too; the secrets file's content is never shown.
 */
public final class ChainlinkConfigCheckModule implements Module {

    private static final ModuleSpec SPEC = new ModuleSpec(
            "Fails unless the rendered Chainlink config.toml and secrets.toml parse and use only keys Chainlink knows.",
            List.of(Param.required("config", ParamType.STRING, "the config.toml template (.ftl), as for template's src"),
                    Param.optional("secrets", ParamType.STRING, "the secrets.toml template (.ftl), as for template's src")),
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
    public Plan plan(ModuleCall call) throws ModuleFailure {
        List<String> found = new ArrayList<>();
        String config = call.args().required("config");
        check(call, config, ChainlinkKeys.config(), false, found);
        Optional<String> secrets = call.args().string("secrets");
        if (secrets.isPresent()) {
            check(call, secrets.get(), ChainlinkKeys.secrets(), true, found);
        }
        if (!found.isEmpty()) {
            throw new ModuleFailure(String.join("; ", found) + " (fix the template or the variable it renders;"
                    + " the node would refuse to start)", Map.of("problems", List.copyOf(found)));
        }
        return new Plan.Unchanged(Result.ok(config + secrets.map(s -> " and " + s).orElse("")
                + ": valid TOML, every key known to Chainlink"));
    }

    private static void check(ModuleCall call, String template, ChainlinkKeys keys, boolean secret, List<String> found)
            throws ModuleFailure {
        String text = call.context().renderTemplate(call.context().findTemplate(template));
        for (ChainlinkKeys.Finding f : keys.check(text, secret)) {
            found.add(template + " rendered, " + f);
        }
    }
}
