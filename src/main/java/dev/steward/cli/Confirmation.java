package dev.steward.cli;

import java.io.Console;
import java.io.PrintStream;

/**
 * The question a command that stops or replaces running nodes asks before it acts: answered on the
 * terminal, or given in advance with {@code --yes}. Without a terminal and without {@code --yes} the
 * answer is no, so a script never changes nodes by accident.
 */
final class Confirmation {

    private Confirmation() {
    }

    /** True to go ahead; otherwise it has said why on {@code err}. */
    static boolean ask(String what, boolean yes, PrintStream err) {
        if (yes) {
            return true;
        }
        Console console = System.console();
        if (console == null) {
            err.println("steward: " + what);
            err.println("steward: refused: stdin is not a terminal, so nobody can confirm; run again with --yes to go ahead");
            return false;
        }
        String answer = console.readLine("%s%nGo ahead? [y/N] ", what);
        boolean go = answer != null && (answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes"));
        if (!go) {
            err.println("steward: not confirmed; nothing was changed");
        }
        return go;
    }
}
