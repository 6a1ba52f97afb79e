package io.trace2train.verifiers.agent;

import static java.util.Objects.requireNonNull;

import io.trace2train.api.env.EnvironmentReplay;
import io.trace2train.api.param.ParameterSpec;
import io.trace2train.api.param.ParameterType;
import io.trace2train.api.param.VerifierArguments;
import io.trace2train.api.task.Episode;
import io.trace2train.api.verify.StepEvidence;
import io.trace2train.api.verify.Verdict;
import io.trace2train.api.verify.VerifierFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code tool:max_calls}: at most {@code max} calls, of one tool or in all. */
record MaxCalls(long max, Optional<String> tool) implements EpisodeVerifier {

    static final String ID = "tool:max_calls";

    MaxCalls {
        requireNonNull(tool, "tool");
        if (max < 0) {
            throw new IllegalArgumentException("max must not be negative, got " + max);
        }
    }

    static VerifierFactory factory() {
        return new EpisodeConstraint(ID, "At most max tool calls, of the named tool or in all.",
                List.of(ParameterSpec.required("max", ParameterType.INTEGER, "the most calls allowed, 0 or more"),
                        ParameterSpec.optional("tool", ParameterType.STRING, "the tool counted; all calls without")),
                MaxCalls::create);
    }

    private static MaxCalls create(VerifierArguments arguments) {
        long max = arguments.integer("max");
        if (max < 0) {
            throw arguments.invalid("max", "must be 0 or more, got " + max);
        }
        Optional<String> tool = arguments.optionalString("tool");
        if (tool.isPresent() && tool.get().isBlank()) {
            throw arguments.invalid("tool", "is blank; expected a tool name");
        }
        return new MaxCalls(max, tool);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Verdict check(Episode episode, EnvironmentReplay environment) {
        List<Episode.Call> counted = episode.calls().stream()
                .filter(call -> tool.isEmpty() || tool.get().equals(call.call().name())).toList();
        String what = tool.map(name -> "calls of " + name).orElse("tool calls");
        String required = "at most " + max + " " + what;
        if (counted.size() <= max) {
            return Verdict.pass(this, counted.size() + " " + what, required);
        }
        // the calls past the allowance are the ones to drop
        List<StepEvidence> steps = new ArrayList<>();
        for (int i = (int) max; i < counted.size(); i++) {
            Episode.Call call = counted.get(i);
            steps.add(new StepEvidence(call.message(), call.call().id(), "call " + (i + 1) + " of at most " + max));
        }
        return Verdict.failAt(this, counted.size() + " " + what, required,
                "Make at most " + max + " " + what + " (" + counted.size() + " made)", steps);
    }
}
