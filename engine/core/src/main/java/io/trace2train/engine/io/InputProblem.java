package io.trace2train.engine.io;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * One thing wrong with an input file.
 *
 * @param file the file
 * @param line 1-based line number, or 0 when the problem is not on one line
 * @param field the JSON field (e.g. {@code kwargs[1].relation}), or empty for the whole line
 * @param message what is wrong and, where it helps, what to do
 */
public record InputProblem(Path file, int line, String field, String message) {

    public InputProblem {
        requireNonNull(file, "file");
        requireNonNull(field, "field");
        requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + (field.isEmpty() ? "" : field + ": ") + message;
    }
}
