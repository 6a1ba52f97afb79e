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

/** {@code tool:forbidden}: no call is to one of the listed tools. */
record ForbiddenTools(List<String> tools) implements EpisodeVerifier {

    static final String ID = "tool:forbidden";

    ForbiddenTools {
        tools = List.copyOf(requireNonNull(tools, "tools"));
    }

    static VerifierFactory factory() {
        return new EpisodeConstraint(ID, "No tool call is to one of the listed tools.",
                List.of(ParameterSpec.required("tools", ParameterType.STRING_LIST, "the tools the agent must not call")),
                arguments -> new ForbiddenTools(Tools.list(arguments, "tools")));
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Verdict check(Episode episode, EnvironmentReplay environment) {
        List<StepEvidence> steps = episode.calls().stream().filter(call -> tools.contains(call.call().name()))
                .map(call -> new StepEvidence(call.message(), call.call().id(),
                        "calls " + call.call().name() + ", which is forbidden"))
                .toList();
        String required = "no call to " + tools;
        if (steps.isEmpty()) {
            return Verdict.pass(this, "no call to a forbidden tool", required);
        }
        List<String> called = episode.calls().stream().map(call -> call.call().name()).filter(tools::contains)
                .distinct().toList();
        return Verdict.failAt(this, steps.size() + " call(s) to " + called, required,
                "Do not call " + String.join(", ", called), steps);
    }
}
