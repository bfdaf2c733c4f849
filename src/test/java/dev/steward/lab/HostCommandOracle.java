package dev.steward.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * What a lab host records of every command it is asked to run, set up by a test on its own lab
 * hosts (users' lab hosts are never touched): sshd's {@code ForceCommand} is a wrapper
 * (src/test/resources/lab-oracle/lab-command-log) that appends the user and the command to
 * {@value #COMMAND_LOG} (root reads it, anyone appends) before running it, sftp included; and sudo
 * logs every command it runs, unwrapped, to {@value #SUDO_LOG}. Unlike sampling {@code /proc}, these
 * miss nothing: a command the wrapper cannot log is not run.
 */
public final class HostCommandOracle {

    public static final String WRAPPER = "/usr/local/sbin/lab-command-log";
    public static final String COMMAND_LOG = "/var/log/lab-commands.log";
    public static final String SUDO_LOG = "/var/log/sudo-lab.log";

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /**
     * The wrapper, its sshd drop-in (checked with {@code sshd -t}, then reloaded: connections made
     * after this go through it) and sudo's log settings (checked with {@code visudo -cf}). The
     * drop-in sorts before Steward's own (00-steward.conf is about logins, this is about commands).
     */
    private static final String INSTALL = """
            set -e
            printf '%s\\n' "$1" > WRAPPER && chmod 0755 WRAPPER
            install -m 0622 /dev/null COMMAND_LOG
            printf 'ForceCommand WRAPPER\\n' > /etc/ssh/sshd_config.d/05-lab-command-log.conf
            printf 'Defaults logfile=SUDO_LOG\\nDefaults log_allowed\\nDefaults loglinelen=0\\n' > /tmp/lab-sudo-log
            chmod 0440 /tmp/lab-sudo-log && visudo -qcf /tmp/lab-sudo-log && mv /tmp/lab-sudo-log /etc/sudoers.d/lab-sudo-log
            sshd -t && systemctl reload ssh
            """.replace("WRAPPER", WRAPPER).replace("COMMAND_LOG", COMMAND_LOG).replace("SUDO_LOG", SUDO_LOG);

    private final DockerCli docker;

    public HostCommandOracle(DockerCli docker) {
        this.docker = docker;
    }

    /** Sets the oracle up on the lab host in {@code container}, as root through {@code docker exec}. */
    public void install(String container) {
        DockerResult r = docker.run(TIMEOUT, "exec", container, "sh", "-c", INSTALL, "sh", wrapperScript());
        if (!r.ok()) {
            throw new IllegalStateException("cannot set up the command log on " + container + ": " + r.stderr());
        }
    }

    /** Every command sshd was asked to run on the host, one "user TAB command" record each. */
    public String commandLog(String container) {
        return read(container, COMMAND_LOG);
    }

    /** sudo's log lines: one {@code … COMMAND=…} line per command run through sudo. */
    public String sudoLog(String container) {
        return read(container, SUDO_LOG);
    }

    private String read(String container, String file) {
        DockerResult r = docker.run(TIMEOUT, "exec", container, "cat", file);
        if (!r.ok()) {
            throw new IllegalStateException("cannot read " + file + " on " + container + ": " + r.stderr());
        }
        return r.stdout();
    }

    private static String wrapperScript() {
        try (InputStream in = HostCommandOracle.class.getResourceAsStream("/lab-oracle/lab-command-log")) {
            if (in == null) {
                throw new IllegalStateException("lab-oracle/lab-command-log is not on the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
