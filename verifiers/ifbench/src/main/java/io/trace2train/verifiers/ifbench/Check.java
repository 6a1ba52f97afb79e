package io.trace2train.verifiers.ifbench;

/** One configured IFBench check: the reference's {@code check_following}, with what it measured. */
@FunctionalInterface
public interface Check {

    /** Checks the response exactly as given (the harness decides about blank responses and loose variants). */
    Finding check(String response);
}
