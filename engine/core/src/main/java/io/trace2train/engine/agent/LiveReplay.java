package io.trace2train.engine.agent;

import static java.util.Objects.requireNonNull;

import io.trace2train.api.env.Environment;
import io.trace2train.api.env.EnvironmentFactory;
import io.trace2train.api.env.EnvironmentReplay;
import io.trace2train.api.record.EnvironmentOutcome;
import java.util.Map;

/**
 * What a live episode left in its own environment, as the constraints see it. Unlike a logged episode's replay, its
 * calls are not run again: the environment that answered them is the truth (a call refused past the tool-call
 * budget never reached it), and there are no logged results to compare.
 */
record LiveReplay(EnvironmentFactory factory, Map<String, String> options, String finalStateDigest)
        implements EnvironmentReplay {

    LiveReplay {
        requireNonNull(factory, "factory");
        options = Map.copyOf(options);
        requireNonNull(finalStateDigest, "finalStateDigest");
    }

    static LiveReplay of(EnvironmentFactory factory, Map<String, String> options, Environment played) {
        return new LiveReplay(factory, options, played.stateDigest());
    }

    @Override
    public String name() {
        return factory.name();
    }

    @Override
    public String version() {
        return factory.version();
    }

    @Override
    public Environment fresh() {
        return factory.create(options);
    }

    EnvironmentOutcome outcome() {
        return new EnvironmentOutcome(name(), version(), finalStateDigest, 0, 0);
    }
}
