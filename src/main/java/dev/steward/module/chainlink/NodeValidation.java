package dev.steward.module.chainlink;

import dev.steward.remote.BecomeException;
import dev.steward.remote.CommandResult;
import dev.steward.remote.Probe;
import dev.steward.remote.ShellQuote;
import dev.steward.transport.TransportException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The node's own judgement of its files: {@code chainlink node -config … -secrets … validate} in a
 * throw-away container of the node image, when that image is on the host. The rendered files reach
 * the host on stdin (base64, one line each; the secrets never on a command line), land in a private
 * temporary folder owned by the node's UID 14933, are mounted read-only, and are removed afterwards.
 */
final class NodeValidation {

    /** Where the files are mounted in the container; replaced by the template names in messages. */
    private static final String MOUNT = "/steward-validate";

    /** What validate said: not run (the image is not on the host), valid, or the node's complaint. */
    sealed interface Outcome permits NotRun, Valid, Invalid {
    }

    record NotRun(String why) implements Outcome {
    }

    record Valid() implements Outcome {
    }

    record Invalid(String message) implements Outcome {
    }

    private NodeValidation() {
    }

    static Outcome run(Probe host, String image, String config, String secrets, String configName, String secretsName)
            throws TransportException, BecomeException, InterruptedException {
        CommandResult present = host.query("command -v docker >/dev/null 2>&1 && docker image inspect --format '{{.Id}}' "
                + ShellQuote.quote(image) + " >/dev/null 2>&1 && echo present || echo absent");
        if (!present.stdout().strip().equals("present")) {
            return new NotRun("the image " + image + " is not on the host yet");
        }
        String script = "d=$(mktemp -d /tmp/steward-validate.XXXXXX) || exit 1\n"
                + "trap 'rm -rf \"$d\"' EXIT\n"
                + "IFS= read -r c; IFS= read -r s\n"
                + "printf '%s' \"$c\" | base64 -d > \"$d/config.toml\" && printf '%s' \"$s\" | base64 -d > \"$d/secrets.toml\""
                + " && chmod 0600 \"$d\"/*.toml && chown -R 14933:14933 \"$d\" || exit 1\n"
                + "docker run --rm --network none --user 14933:14933 -v \"$d:" + MOUNT + ":ro\" " + ShellQuote.quote(image)
                + " node -config " + MOUNT + "/config.toml -secrets " + MOUNT + "/secrets.toml validate\n";
        String stdin = base64(config) + "\n" + base64(secrets) + "\n";
        CommandResult r = host.query(script, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        if (r.succeeded()) {
            return new Valid();
        }
        return new Invalid(complaint(r).replace(MOUNT + "/config.toml", configName + " (rendered)")
                .replace(MOUNT + "/secrets.toml", secretsName + " (rendered)"));
    }

    /**
     * The node's own words: from {@code Invalid configuration:} on (what comes before is the echoed,
     * redacted configuration), or what it wrote to stderr when it could not even read the files.
     */
    private static String complaint(CommandResult r) {
        int at = r.stdout().indexOf("Invalid configuration:");
        Optional<String> invalid = at < 0 ? Optional.empty() : Optional.of(r.stdout().substring(at).strip());
        return invalid.or(() -> Optional.of(r.stderr().strip()).filter(s -> !s.isEmpty()))
                .orElse("exit code " + r.exitCode());
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
