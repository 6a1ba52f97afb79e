package io.trace2train.serve;

/** A request refused as a whole, with its HTTP status (400, 413, ...) and what was wrong. */
final class WireException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    WireException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
