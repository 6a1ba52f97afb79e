package io.trace2train.api.verify;

import static java.util.Objects.requireNonNull;

/**
 * A character range {@code [start, end)} of the checked response (UTF-16 indices, as in {@link String}) that
 * causes a failure: a comma, a forbidden word, an extra bullet.
 *
 * @param start first char index, inclusive
 * @param end last char index, exclusive
 * @param reason what is wrong with this range, e.g. {@code "comma"} or {@code "forbidden word 'very'"}
 */
public record Evidence(int start, int end, String reason) {

    public Evidence {
        requireNonNull(reason, "reason");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad evidence range [" + start + ", " + end + ")");
        }
    }
}
