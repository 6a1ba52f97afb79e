package io.trace2train.verifiers.agent;

import io.trace2train.api.env.EnvironmentReplay;
import io.trace2train.api.task.Episode;
import io.trace2train.api.verify.StepEvidence;
import io.trace2train.api.verify.Verdict;
import io.trace2train.api.verify.VerifierFactory;
import java.util.ArrayList;
import java.util.List;

/** {@code tool:known}: no call to a tool the episode does not offer. */
record KnownTools() implements EpisodeVerifier {

    static final String ID = "tool:known";

    static VerifierFactory factory() {
        return new EpisodeConstraint(ID, "Every tool call is to a tool the episode offers.", List.of(),
                arguments -> new KnownTools());
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Verdict check(Episode episode, EnvironmentReplay environment) {
        List<StepEvidence> steps = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (Episode.Call call : episode.calls()) {
            if (episode.tool(call.call().name()) == null) {
                steps.add(new StepEvidence(call.message(), call.call().id(),
                        "calls " + call.call().name() + ", which is not offered"));
                if (!unknown.contains(call.call().name())) {
                    unknown.add(call.call().name());
                }
            }
        }
        String offered = Tools.names(episode);
        if (steps.isEmpty()) {
            return Verdict.pass(this, "no call to an unknown tool", "only the offered tools " + offered);
        }
        return Verdict.failAt(this, steps.size() + " call(s) to unknown tools " + unknown,
                "only the offered tools " + offered, "Call only the offered tools " + offered + "; not "
                        + String.join(", ", unknown), steps);
    }
}
