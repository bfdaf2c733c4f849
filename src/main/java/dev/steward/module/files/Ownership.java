package dev.steward.module.files;

import dev.steward.module.Args;
import dev.steward.module.ModuleFailure;
import dev.steward.module.Param;
import dev.steward.module.ParamType;
import dev.steward.remote.ShellQuote;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The mode, owner and group a file task asks for, compared with what is there. */
public record Ownership(Optional<Integer> mode, Optional<String> owner, Optional<String> group) {

    public static final List<Param> PARAMS = List.of(
            Param.optional("mode", ParamType.MODE, "permissions in octal, e.g. 0640 (640 means the same)"),
            Param.optional("owner", ParamType.STRING, "the user that owns it"),
            Param.optional("group", ParamType.STRING, "the group that owns it"));

    public static Ownership of(Args args) throws ModuleFailure {
        return new Ownership(args.mode("mode"), args.string("owner"), args.string("group"));
    }

    /** What differs from {@code state}, as words for the report; empty when nothing does. */
    public List<String> differences(FileState state) {
        List<String> out = new ArrayList<>();
        mode.filter(m -> m != state.mode()).ifPresent(m -> out.add("mode " + octal(state.mode()) + " → " + octal(m)));
        owner.filter(o -> !o.equals(state.owner())).ifPresent(o -> out.add("owner " + state.owner() + " → " + o));
        group.filter(g -> !g.equals(state.group())).ifPresent(g -> out.add("group " + state.group() + " → " + g));
        return out;
    }

    /**
     * What a replacement file must get: what was asked, else what the file it replaces has, else
     * {@code newFileMode} for a new file (owner and group: the writer's).
     */
    public Ownership forReplacement(FileState state, int newFileMode) {
        return state.exists()
                ? new Ownership(Optional.of(mode.orElse(state.mode())), Optional.of(owner.orElse(state.owner())),
                        Optional.of(group.orElse(state.group())))
                : new Ownership(Optional.of(mode.orElse(newFileMode)), owner, group);
    }

    /**
     * Shell commands that set what was asked on {@code pathExpr} (already quoted or a "$var"), joined
     * with {@code &&} so the line fails when any of them does; {@code true} when nothing is asked.
     */
    public String applyTo(String pathExpr) {
        List<String> commands = commands(pathExpr);
        return commands.isEmpty() ? "true" : String.join(" && ", commands);
    }

    /** The chmod and chown commands, one per element, each with {@code --} before the path. */
    public List<String> commands(String pathExpr) {
        List<String> out = new ArrayList<>();
        mode.ifPresent(m -> out.add("chmod " + octal(m) + " -- " + pathExpr));
        if (owner.isPresent() || group.isPresent()) {
            String who = owner.map(ShellQuote::quote).orElse("") + group.map(g -> ":" + ShellQuote.quote(g)).orElse("");
            out.add("chown -h " + who + " -- " + pathExpr);
        }
        return out;
    }

    public static String octal(int mode) {
        return mode < 0 ? "none" : String.format("%04o", mode);
    }
}
