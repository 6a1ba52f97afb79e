package io.trace2train.api.backend;

/**
 * A model call failed. {@link #retriable()} says whether the same call may succeed later (a timeout, a 429, a 5xx)
 * or will fail again (a bad request, no model, no recorded answer); the engine retries only the first kind.
 */
public class BackendException extends RuntimeException {

    private final boolean retriable;

    public BackendException(String message, boolean retriable, Throwable cause) {
        super(message, cause);
        this.retriable = retriable;
    }

    public BackendException(String message, boolean retriable) {
        this(message, retriable, null);
    }

    public boolean retriable() {
        return retriable;
    }
}
