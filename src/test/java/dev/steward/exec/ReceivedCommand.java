package dev.steward.exec;

import java.util.Optional;

/**
 * One command a scripted host received.
 *
 * @param sent the command line exactly as the engine sent it (with the sudo wrapper, if any)
 * @param command the command itself, unwrapped from sudo
 * @param becomeUser the user sudo was asked to run it as, empty without become
 */
public record ReceivedCommand(String sent, String command, Optional<String> becomeUser, CapturedInput input) {

    /** What the engine wrote to the command's stdin (complete once the command has ended). */
    public String stdin() {
        return input.text();
    }

    @Override
    public String toString() {
        return becomeUser.map(u -> "[sudo -u " + u + "] ").orElse("") + command;
    }
}
