package dev.steward.exec;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * {@code --tags} and {@code --skip-tags}, with Ansible's special tags: {@code always} runs unless
 * skipped by name, {@code never} runs only when one of its other tags is asked for, {@code tagged}
 * and {@code untagged} select by having tags at all.
 */
public record TagFilter(Set<String> only, Set<String> skip) {

    public static final TagFilter ALL = new TagFilter(Set.of(), Set.of());

    public boolean selects(Collection<String> taskTags) {
        if (taskTags.stream().anyMatch(skip::contains) || (skip.contains("tagged") && !taskTags.isEmpty())
                || (skip.contains("untagged") && taskTags.isEmpty())) {
            return false;
        }
        if (taskTags.contains("never")) {
            return taskTags.stream().anyMatch(t -> !t.equals("never") && only.contains(t)) || only.contains("never");
        }
        if (only.isEmpty() || only.contains("all") || taskTags.contains("always")) {
            return true;
        }
        return taskTags.stream().anyMatch(only::contains) || (only.contains("tagged") && !taskTags.isEmpty())
                || (only.contains("untagged") && taskTags.isEmpty());
    }

    public static TagFilter of(List<String> only, List<String> skip) {
        return new TagFilter(split(only), split(skip));
    }

    private static Set<String> split(List<String> given) {
        return given.stream().flatMap(s -> java.util.Arrays.stream(s.split(","))).map(String::strip)
                .filter(s -> !s.isEmpty()).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }
}
