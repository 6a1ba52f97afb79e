package io.trace2train.verifiers.agent;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trace2train.api.env.Environment;
import io.trace2train.api.env.EnvironmentReplay;
import io.trace2train.api.param.ParameterSpec;
import io.trace2train.api.param.ParameterType;
import io.trace2train.api.task.Episode;
import io.trace2train.api.verify.StepEvidence;
import io.trace2train.api.verify.Verdict;
import io.trace2train.api.verify.VerifierFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code env:state_matches}: the state the agent's calls left equals the state the task's expected actions produce
 * on a fresh environment (τ-bench's database check). Not checkable without an environment. On a mismatch the agent's
 * calls are replayed once more to blame those that changed the state without being an expected action, and the hint
 * names the state-changing expected actions the agent never made.
 */
record StateMatches(List<ExpectedCall> actions) implements EpisodeVerifier {

    static final String ID = "env:state_matches";

    StateMatches {
        actions = List.copyOf(requireNonNull(actions, "actions"));
    }

    static VerifierFactory factory() {
        return new EpisodeConstraint(ID, "The environment's final state equals the state the expected actions produce "
                + "from a fresh start.", List.of(ParameterSpec.required("actions", ParameterType.OBJECT_LIST,
                        "the expected actions, in order: {\"name\": tool, \"arguments\": {...}}")),
                arguments -> new StateMatches(ExpectedCall.list(arguments, "actions")));
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Verdict check(Episode episode, EnvironmentReplay environment) {
        if (environment == null) {
            return Verdict.notCheckable(this, "needs the task's environment");
        }
        Environment expected = environment.fresh();
        for (int i = 0; i < actions.size(); i++) {
            expected.execute(actions.get(i).toolCall("expected-" + i));
        }
        String digest = expected.stateDigest();
        String required = "the state of " + actions.size() + " expected action(s) (" + shortDigest(digest) + ")";
        String agentDigest = environment.finalStateDigest();
        if (digest.equals(agentDigest)) {
            return Verdict.pass(this, "the expected state", required);
        }
        // a mismatch: replay both sides step by step (a digest per step) to say which changes differ
        List<ExpectedCall> unmade = changingActions(environment);
        List<StepEvidence> steps = new ArrayList<>();
        Environment agent = environment.fresh();
        String before = agent.stateDigest();
        for (Episode.Call call : episode.calls()) {
            agent.execute(call.call());
            String after = agent.stateDigest();
            Optional<ObjectNode> arguments = CallArguments.parse(call.call().arguments());
            Optional<ExpectedCall> same = unmade.stream().filter(action -> action.name().equals(call.call().name())
                    && arguments.isPresent() && CallArguments.same(arguments.get(), action.arguments())).findFirst();
            same.ifPresent(unmade::remove);
            if (!after.equals(before) && same.isEmpty()) {
                steps.add(new StepEvidence(call.message(), call.call().id(), "changes the state in a way no expected "
                        + "action does"));
            }
            before = after;
        }
        String hint = unmade.isEmpty() ? "Undo or avoid the changes the task does not ask for"
                : "Make the expected change(s): " + String.join(", ", unmade.stream().map(ExpectedCall::toString)
                        .toList()) + (steps.isEmpty() ? "" : "; and not the other changes");
        return Verdict.failAt(this, "a different state (" + shortDigest(agentDigest) + ")", required, hint, steps);
    }

    /** The expected actions that change the state, each replayed from a fresh start in order. */
    private List<ExpectedCall> changingActions(EnvironmentReplay environment) {
        Environment expected = environment.fresh();
        List<ExpectedCall> changing = new ArrayList<>();
        String before = expected.stateDigest();
        for (int i = 0; i < actions.size(); i++) {
            expected.execute(actions.get(i).toolCall("expected-" + i));
            String after = expected.stateDigest();
            if (!after.equals(before)) {
                changing.add(actions.get(i));
            }
            before = after;
        }
        return changing;
    }

    private static String shortDigest(String digest) {
        return "digest " + digest.substring(0, Math.min(12, digest.length()));
    }
}
