package dev.steward.playbook;

import dev.steward.source.YNode;
import java.util.Optional;

/**
 * A task's {@code loop}: the raw items (a YAML list, or one {@code ${expr}} giving a list), the variable
 * each item is bound to ({@code item} unless {@code loop_control.loop_var}), and the label shown.
 */
public record Loop(YNode items, String loopVar, Optional<String> label) {
}
