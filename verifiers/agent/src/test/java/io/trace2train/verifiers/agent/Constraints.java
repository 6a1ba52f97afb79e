package io.trace2train.verifiers.agent;

import io.trace2train.api.env.EnvironmentReplay;
import io.trace2train.api.param.VerifierArguments;
import io.trace2train.api.task.Episode;
import io.trace2train.api.verify.Verdict;
import io.trace2train.api.verify.Verifier;
import io.trace2train.api.verify.VerifierFactory;
import java.util.Map;

/** Creates the plugin's verifiers as the engine does: arguments bound against the declared parameters first. */
final class Constraints {

    private Constraints() {
    }

    static VerifierFactory factory(String id) {
        return new AgentPlugin().verifierFactories().stream().filter(f -> f.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no verifier " + id));
    }

    static Verifier create(String id, Map<String, ?> arguments) {
        VerifierFactory factory = factory(id);
        return factory.create(VerifierArguments.bind(id, factory.parameters(), arguments));
    }

    static Verdict check(String id, Map<String, ?> arguments, Episode episode, EnvironmentReplay environment) {
        return create(id, arguments).check(episode, environment);
    }

    static Verdict check(String id, Map<String, ?> arguments, Episode episode) {
        return check(id, arguments, episode, null);
    }
}
