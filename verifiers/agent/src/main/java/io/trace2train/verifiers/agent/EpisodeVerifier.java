package io.trace2train.verifiers.agent;

import io.trace2train.api.env.EnvironmentReplay;
import io.trace2train.api.task.Episode;
import io.trace2train.api.verify.Verdict;
import io.trace2train.api.verify.Verifier;

/** A verifier of a whole agent episode: a text alone cannot be judged, so {@link #check(String)} says so. */
interface EpisodeVerifier extends Verifier {

    /** Every constraint of this plugin is at this version; bumped per class when its rule changes. */
    String VERSION = "1.0.0";

    @Override
    default String version() {
        return VERSION;
    }

    @Override
    default Verdict check(String response) {
        return Verdict.notCheckable(this, "needs an agent episode");
    }

    @Override
    Verdict check(Episode episode, EnvironmentReplay environment);
}
