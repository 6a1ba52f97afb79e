package io.trace2train.engine.run;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * What one agent episode may use before it is ended with {@code error.kind} {@code budget} (or {@code timeout} for
 * the wall time).
 *
 * @param maxSteps model calls of the agent
 * @param maxToolCalls tool calls executed
 * @param maxTokens prompt and completion tokens of every model call (the user simulator's included)
 * @param wallTime wall time of the episode; a model call still running then is interrupted
 */
public record AgentBudget(int maxSteps, int maxToolCalls, long maxTokens, Duration wallTime) {

    /** Generous enough for τ-bench's airline tasks (about 30 steps at most in GPT-4o's logs). */
    public static final AgentBudget DEFAULT = new AgentBudget(50, 100, 1_000_000, Duration.ofMinutes(10));

    public AgentBudget {
        requireNonNull(wallTime, "wallTime");
        if (maxSteps < 1 || maxToolCalls < 0 || maxTokens < 1 || wallTime.isNegative() || wallTime.isZero()) {
            throw new IllegalArgumentException("agent budget: steps and tokens must be at least 1, tool calls 0 or"
                    + " more, wall time positive; got " + maxSteps + ", " + maxToolCalls + ", " + maxTokens + ", "
                    + wallTime);
        }
    }
}
