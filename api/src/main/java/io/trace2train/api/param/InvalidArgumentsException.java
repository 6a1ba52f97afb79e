package io.trace2train.api.param;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The arguments given for a verifier are wrong. Carries every problem found, not only the first, each naming the
 * instruction id and the field, so a user fixes a task file in one pass.
 */
public final class InvalidArgumentsException extends IllegalArgumentException {

    /** One wrong field. */
    public record Problem(String instructionId, String field, String message) {
        public Problem {
            requireNonNull(instructionId, "instructionId");
            requireNonNull(field, "field");
            requireNonNull(message, "message");
        }

        @Override
        public String toString() {
            return instructionId + ": argument '" + field + "': " + message;
        }
    }

    private final List<Problem> problems;

    public InvalidArgumentsException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an InvalidArgumentsException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public InvalidArgumentsException(String instructionId, String field, String message) {
        this(List.of(new Problem(instructionId, field, message)));
    }

    public List<Problem> problems() {
        return problems;
    }
}
