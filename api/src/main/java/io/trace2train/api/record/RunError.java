package io.trace2train.api.record;

import static java.util.Objects.requireNonNull;

/**
 * Why a task's run failed.
 *
 * @param kind a short class of failure, one of {@link ErrorKind}'s {@link ErrorKind#json() strings}
 * @param message what happened
 * @param stage where: {@code generate}, {@code verify}, {@code repair}
 */
public record RunError(String kind, String message, String stage) {

    public RunError {
        requireNonNull(kind, "kind");
        requireNonNull(message, "message");
        requireNonNull(stage, "stage");
        // a failure's message may echo a key or a URL with credentials: a record never carries one
        message = io.trace2train.api.text.Secrets.mask(message);
    }
}
