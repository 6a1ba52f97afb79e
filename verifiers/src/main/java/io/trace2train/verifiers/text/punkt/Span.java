package io.trace2train.verifiers.text.punkt;

/**
 * A range {@code [start, end)} of a text, in UTF-16 indices as {@link String} uses.
 *
 * @param start first char index, inclusive
 * @param end last char index, exclusive
 */
public record Span(int start, int end) {

    public Span {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
        }
    }

    /** The text this span covers. */
    public String of(String text) {
        return text.substring(start, end);
    }
}
