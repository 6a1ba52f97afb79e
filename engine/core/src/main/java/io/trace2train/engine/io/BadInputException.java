package io.trace2train.engine.io;

import java.util.List;

/** Input files are wrong; lists every problem found (FILE:LINE: field: message), so they are fixed in one pass. */
public final class BadInputException extends RuntimeException {

    private final List<InputProblem> problems;

    /** How many problems the message lists; the rest are counted (all stay in {@link #problems()}). */
    private static final int SHOWN = 50;

    public BadInputException(List<InputProblem> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
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

    public List<InputProblem> problems() {
        return problems;
    }
}
