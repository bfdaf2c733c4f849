package dev.steward.source;

import java.util.List;
import java.util.stream.Collectors;

/** The user's input is wrong; nothing was changed on any host. Maps to exit code 4. */
public final class ValidationException extends RuntimeException {

    private final List<Problem> problems;
    private final List<Problem> warnings;

    public ValidationException(List<Problem> problems) {
        this(problems, List.of());
    }

    /** @param warnings found beside the problems: printed with them, so none is lost when the run stops */
    public ValidationException(List<Problem> problems, List<Problem> warnings) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        this.problems = problems;
        this.warnings = List.copyOf(warnings);
    }

    public static ValidationException of(SourceLocation where, String message, String hint) {
        return new ValidationException(List.of(new Problem(where, message, hint)));
    }

    public List<Problem> problems() {
        return problems;
    }

    public List<Problem> warnings() {
        return warnings;
    }
}
