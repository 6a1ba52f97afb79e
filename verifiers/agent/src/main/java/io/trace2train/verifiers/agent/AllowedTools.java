package io.trace2train.verifiers.agent;

import static java.util.Objects.requireNonNull;

import io.trace2train.api.env.EnvironmentReplay;
import io.trace2train.api.param.ParameterSpec;
import io.trace2train.api.param.ParameterType;
import io.trace2train.api.task.Episode;
import io.trace2train.api.verify.StepEvidence;
import io.trace2train.api.verify.Verdict;
import io.trace2train.api.verify.VerifierFactory;
import java.util.List;

/** {@code tool:allowed}: every call is to one of the listed tools. */
record AllowedTools(List<String> tools) implements EpisodeVerifier {

    static final String ID = "tool:allowed";

    AllowedTools {
        tools = List.copyOf(requireNonNull(tools, "tools"));
    }

    static VerifierFactory factory() {
        return new EpisodeConstraint(ID, "Every tool call is to one of the listed tools.",
                List.of(ParameterSpec.required("tools", ParameterType.STRING_LIST, "the tools the agent may call")),
                arguments -> new AllowedTools(Tools.list(arguments, "tools")));
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Verdict check(Episode episode, EnvironmentReplay environment) {
        List<StepEvidence> steps = episode.calls().stream().filter(call -> !tools.contains(call.call().name()))
                .map(call -> new StepEvidence(call.message(), call.call().id(),
                        "calls " + call.call().name() + ", which is not allowed"))
                .toList();
        String required = "only calls to " + tools;
        if (steps.isEmpty()) {
            return Verdict.pass(this, "no call outside the allowed tools", required);
        }
        List<String> called = episode.calls().stream().map(call -> call.call().name())
                .filter(name -> !tools.contains(name)).distinct().toList();
        return Verdict.failAt(this, steps.size() + " call(s) to " + called, required,
                "Call only " + String.join(", ", tools) + "; do not call " + String.join(", ", called), steps);
    }
}
