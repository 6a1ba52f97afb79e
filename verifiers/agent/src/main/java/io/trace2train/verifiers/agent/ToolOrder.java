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
import java.util.List;

/**
 * {@code tool:order}: no call of {@code after} comes before the first call of {@code before}. Calls of one turn are
 * parallel: a call of {@code after} beside the first call of {@code before} did not see its result, so it counts as
 * too early. Vacuous when {@code after} is never called; fails when it is and {@code before} never was.
 */
record ToolOrder(String before, String after) implements EpisodeVerifier {

    static final String ID = "tool:order";

    ToolOrder {
        requireNonNull(before, "before");
        requireNonNull(after, "after");
    }

    static VerifierFactory factory() {
        return new EpisodeConstraint(ID, "No call of the tool after comes before (or beside) the first call of before.",
                List.of(ParameterSpec.required("before", ParameterType.STRING, "the tool to call first"),
                        ParameterSpec.required("after", ParameterType.STRING, "the tool to call only later")),
                ToolOrder::create);
    }

    private static ToolOrder create(VerifierArguments arguments) {
        String before = arguments.string("before");
        String after = arguments.string("after");
        if (before.isBlank()) {
            throw arguments.invalid("before", "is blank; expected a tool name");
        }
        if (after.isBlank()) {
            throw arguments.invalid("after", "is blank; expected a tool name");
        }
        if (before.equals(after)) {
            throw arguments.invalid("after", "names the same tool as 'before' (" + after + ")");
        }
        return new ToolOrder(before, after);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Verdict check(Episode episode, EnvironmentReplay environment) {
        List<Episode.Call> calls = episode.calls();
        int firstBefore = calls.stream().filter(call -> call.call().name().equals(before))
                .mapToInt(Episode.Call::message).findFirst().orElse(Integer.MAX_VALUE);
        List<StepEvidence> steps = calls.stream()
                .filter(call -> call.call().name().equals(after) && call.message() <= firstBefore)
                .map(call -> new StepEvidence(call.message(), call.call().id(), firstBefore == Integer.MAX_VALUE
                        ? "calls " + after + " but " + before + " is never called"
                        : call.message() == firstBefore ? "calls " + after + " in the same turn as the first " + before
                        : "calls " + after + " before the first " + before))
                .toList();
        String required = before + " before any " + after;
        if (steps.isEmpty()) {
            return Verdict.pass(this, calls.stream().anyMatch(call -> call.call().name().equals(after))
                    ? before + " first" : after + " never called", required);
        }
        String measured = firstBefore == Integer.MAX_VALUE ? steps.size() + " call(s) of " + after + ", none of "
                + before : steps.size() + " call(s) of " + after + " before the first " + before;
        return Verdict.failAt(this, measured, required, "Call " + before + " before " + after
                + " (in an earlier turn)", steps);
    }
}
