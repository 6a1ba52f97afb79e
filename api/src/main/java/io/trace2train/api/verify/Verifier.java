package io.trace2train.api.verify;

/**
 * A configured check of one constraint. Created by a {@link VerifierFactory} with validated arguments; immutable
 * and safe to share between threads.
 */
public interface Verifier {

    /** The instruction id this verifier checks, e.g. {@code "punctuation:no_comma"}. */
    String id();

    /** The version of the checking rule; it travels with every verdict. */
    String version();

    /**
     * Checks the response exactly as given (no trimming: callers decide how empty responses count).
     *
     * @return the verdict, never null
     */
    Verdict check(String response);
}
