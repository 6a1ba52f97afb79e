package io.trace2train.cli;

/**
 * A command's own arguments are wrong (a value out of range, two flags that exclude each other): bad usage, exit 2,
 * like the engine's bad input. Commands throw it instead of {@link IllegalArgumentException}, which is left to mean a
 * bug.
 */
final class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }

    UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
