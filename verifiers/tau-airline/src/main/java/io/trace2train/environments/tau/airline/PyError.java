package io.trace2train.environments.tau.airline;

/**
 * A Python exception raised inside a τ-bench tool. τ-bench's {@code Env.step} turns it into the observation
 * {@code "Error: " + str(e)}, so {@link #getMessage()} is exactly Python's {@code str(e)}.
 */
final class PyError extends Exception {

    PyError(String pythonMessage) {
        super(pythonMessage, null, false, false);
    }

    /** {@code str(KeyError(key))} is the key's {@code repr}. */
    static PyError keyError(com.fasterxml.jackson.databind.JsonNode key) {
        return new PyError(PyRepr.repr(key));
    }
}
