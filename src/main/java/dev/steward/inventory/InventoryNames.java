package dev.steward.inventory;

import dev.steward.source.Problems;
import dev.steward.source.SourceLocation;
import java.util.regex.Pattern;

/**
 * Which host and group names are allowed: none may contain what host patterns use as operators
 * ({@code , : ! &}, globs), or {@code --limit web1} could not mean what it says.
 */
final class InventoryNames {

    private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Pattern HOST = Pattern.compile("[^\\s,:!&*?\\[\\]~]+");

    private InventoryNames() {
    }

    static boolean checkGroup(String name, SourceLocation where, Problems problems) {
        if (GROUP.matcher(name).matches()) {
            return true;
        }
        problems.add(where, "group name '" + name + "' may only use letters, digits, '_', '-' and '.'",
                "host patterns use the other characters");
        return false;
    }

    static boolean checkHost(String name, SourceLocation where, Problems problems) {
        if (HOST.matcher(name).matches()) {
            return true;
        }
        problems.add(where, "host name '" + name + "' may not contain spaces or any of , : ! & * ? [ ] ~",
                "host patterns use these characters; put the real address in ssh.host");
        return false;
    }
}
