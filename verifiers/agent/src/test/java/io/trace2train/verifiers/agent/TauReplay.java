package io.trace2train.verifiers.agent;

import io.trace2train.api.env.Environment;
import io.trace2train.api.env.EnvironmentReplay;
import io.trace2train.api.task.Episode;
import io.trace2train.environments.tau.airline.TauAirlineEnvironment;

/** What an episode's calls did to the real tau-airline environment: they are replayed in order on a fresh one. */
record TauReplay(String finalStateDigest) implements EnvironmentReplay {

    static TauReplay of(Episode episode) {
        Environment environment = TauAirlineEnvironment.create();
        episode.calls().forEach(call -> environment.execute(call.call()));
        return new TauReplay(environment.stateDigest());
    }

    @Override
    public String name() {
        return "tau-airline";
    }

    @Override
    public String version() {
        return "test";
    }

    @Override
    public Environment fresh() {
        return TauAirlineEnvironment.create();
    }
}
