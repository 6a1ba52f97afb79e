package io.trace2train.spark;

import java.util.List;

/**
 * Input rows a job could not use, each named by file, line and what is wrong, all counted: the job writes nothing
 * rather than drop them silently.
 */
public final class BadRowsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Rows the message lists; the rest are counted. */
    static final int SHOWN = 50;

    private final List<String> problems;

    BadRowsException(List<BadRow> rows) {
        this(rows.stream().sorted(BadRow.ORDER).map(BadRow::text).toList(), true);
    }

    private BadRowsException(List<String> problems, boolean sorted) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    /**
     * One bad row.
     *
     * @param file the input file
     * @param line its 1-based line
     * @param text {@code FILE:LINE: field: message}
     */
    record BadRow(String file, long line, String text) implements java.io.Serializable {

        private static final long serialVersionUID = 1L;
        static final java.util.Comparator<BadRow> ORDER = java.util.Comparator.comparing(BadRow::file)
                .thenComparingLong(BadRow::line).thenComparing(BadRow::text);

        /** The problems an engine's reader found. */
        static List<BadRow> of(io.trace2train.engine.io.BadInputException e) {
            return e.problems().stream().map(p -> new BadRow(p.file().toString(), p.line(), p.toString())).toList();
        }
    }

    /** Every problem, {@code FILE:LINE: message}, in file and line order. */
    public List<String> problems() {
        return problems;
    }

    private static String message(List<String> problems) {
        StringBuilder text = new StringBuilder().append(problems.size()).append(problems.size() == 1 ? " bad input row"
                : " bad input rows").append(", nothing written:");
        problems.stream().limit(SHOWN).forEach(p -> text.append("\n  ").append(p));
        if (problems.size() > SHOWN) {
            text.append("\n  ... and ").append(problems.size() - SHOWN).append(" more");
        }
        return text.toString();
    }
}
