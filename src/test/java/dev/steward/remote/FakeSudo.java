package dev.steward.remote;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A {@code sudo} script for the test server's PATH that behaves like {@code sudo -S -p PROMPT -u USER}:
 * prints the prompt to stderr, reads one line from stdin, retries with "Sorry, try again." up to
 * three times, refuses the user {@code forbidden} as sudo does, asks no password for the user
 * {@code nopasswd} (NOPASSWD in sudoers), then runs the rest with
 * {@code FAKE_SUDO_TARGET} set to the target user (it does not really switch users).
 */
public final class FakeSudo {

    public static final String PASSWORD = "s3cret 'pass\" word";

    private FakeSudo() {}

    /** Writes {@code dir/sudo} and returns {@code dir}, to be put first on the commands' PATH. */
    public static Path install(Path dir) throws IOException {
        return install(dir, PASSWORD);
    }

    /** The same, asking {@code password} instead of {@link #PASSWORD}. */
    public static Path install(Path dir, String password) throws IOException {
        Files.createDirectories(dir);
        Path passwordFile = dir.resolve("password");
        Files.writeString(passwordFile, password);
        Path script = dir.resolve("sudo");
        Files.writeString(script, """
                #!/bin/sh
                prompt='Password: '
                target=root
                while [ $# -gt 0 ]; do
                  case "$1" in
                    -p) prompt="$2"; shift 2 ;;
                    -u) target="$2"; shift 2 ;;
                    -H|-S) shift ;;
                    --) shift; break ;;
                    -*) echo "sudo: unknown option $1" >&2; exit 1 ;;
                    *) break ;;
                  esac
                done
                if [ "$target" = nopasswd ]; then
                  FAKE_SUDO_TARGET="$target" exec "$@"
                fi
                if [ "$target" = forbidden ]; then
                  echo "steward is not in the sudoers file.  This incident will be reported." >&2
                  exit 1
                fi
                tries=0
                while :; do
                  printf '%s' "$prompt" >&2
                  IFS= read -r pw || { echo "sudo: no password was provided" >&2; exit 1; }
                  [ "$pw" = "$(cat 'PASSWORD_FILE')" ] && break
                  tries=$((tries + 1))
                  if [ $tries -ge 3 ]; then echo "sudo: 3 incorrect password attempts" >&2; exit 1; fi
                  echo "Sorry, try again." >&2
                done
                FAKE_SUDO_TARGET="$target" exec "$@"
                """.replace("PASSWORD_FILE", passwordFile.toString()));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir;
    }
}
