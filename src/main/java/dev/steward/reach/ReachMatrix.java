package dev.steward.reach;

import java.util.ArrayList;
import java.util.List;

/**
 * The paths to test from one source: to every other host, each TCP opening (open when the policy
 * allows this source, closed otherwise) and each port that must stay closed. UDP openings are not
 * in it: a UDP "connect" proves nothing. The controller counts as "anyone": it must reach what is open
 * to anyone, and nothing that is open to chosen hosts only; it reaches SSH the way the inventory says.
 */
public final class ReachMatrix {

    private ReachMatrix() {
    }

    public static List<Path> from(String source, List<Target> targets) {
        boolean controller = source.equals(Path.CONTROLLER);
        List<Path> paths = new ArrayList<>();
        for (Target t : targets) {
            if (t.host().equals(source)) {
                continue;
            }
            for (Opening o : t.openings()) {
                if (!o.proto().equals("tcp")) {
                    continue;
                }
                boolean open = controller ? o.from().isEmpty() : o.allows(source);
                if (controller && o.service().equals("ssh")) {
                    paths.add(new Path(source, t.host(), t.sshHost(), t.sshPort(), o.service(), true));
                } else {
                    paths.add(new Path(source, t.host(), t.address(), o.port(), o.service(), open));
                }
            }
            for (int port : t.closed()) {
                paths.add(new Path(source, t.host(), t.address(), port, "must stay closed", false));
            }
        }
        return paths;
    }
}
