package io.trace2train.engine.io;

import java.util.List;

/**
 * The user's input is wrong: input files (every problem found, FILE:LINE: field: message, so they are fixed in one
 * pass), or a value given to the engine (a setting, a name, a folder). The one type of user-input problem: a front
 * door reports it as bad input, while any other exception (an {@link IllegalArgumentException} from an invariant
 * included) is a failure of the work or a bug.
 */
public class BadInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** How many problems the message lists; the rest are counted (all stay in {@link #problems()}). */
    private static final int SHOWN = 50;

    private final List<InputProblem> problems;

    /** Problems of input files. */
    public BadInputException(List<InputProblem> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    /** A value given to the engine (not a file's line) that cannot be used; {@code message} says what and why. */
    public BadInputException(String message) {
        super(message);
        this.problems = List.of();
    }

    private static String message(List<InputProblem> problems) {
        StringBuilder message = new StringBuilder()
                .append(problems.size()).append(problems.size() == 1 ? " problem" : " problems").append(" in the input:");
        problems.stream().limit(SHOWN).forEach(problem -> message.append("\n  ").append(problem));
        if (problems.size() > SHOWN) {
            message.append("\n  ... and ").append(problems.size() - SHOWN).append(" more");
        }
        return message.toString();
    }

    /** The problems of input files; empty when the bad input is a value given to the engine. */
    public List<InputProblem> problems() {
        return problems;
    }
}
