package io.trace2train.api.verify;

import io.trace2train.api.env.EnvironmentReplay;
import io.trace2train.api.task.Episode;

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
     * Checks the response exactly as given (no trimming: callers decide how empty responses count). A verifier of
     * {@linkplain ConstraintScope#EPISODE episode scope} answers {@linkplain Verdict#notCheckable not checkable}
     * here: a text alone is not an episode.
     *
     * @return the verdict, never null
     */
    Verdict check(String response);

    /**
     * Checks an agent episode. An answer-scope verifier judges the {@linkplain Episode#finalAnswer() final answer}
     * (the default); an episode-scope verifier overrides this.
     *
     * @param environment what the agent's calls did to the task's environment; null when the task has none
     * @return the verdict, never null
     */
    default Verdict check(Episode episode, EnvironmentReplay environment) {
        return check(episode.finalAnswer());
    }
}
