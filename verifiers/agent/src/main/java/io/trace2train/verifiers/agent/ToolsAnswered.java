package io.trace2train.verifiers.agent;

import io.trace2train.api.env.EnvironmentReplay;
import io.trace2train.api.env.ToolCall;
import io.trace2train.api.task.ChatMessage;
import io.trace2train.api.task.Episode;
import io.trace2train.api.task.Role;
import io.trace2train.api.verify.StepEvidence;
import io.trace2train.api.verify.Verdict;
import io.trace2train.api.verify.VerifierFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code tool:answered}: every call has exactly one tool result, and every result answers a call made before it that
 * is still open. A result answers the open call with its id. A call id may be used again once its earlier call was
 * answered (τ-bench's logs do, in 49 of the 200 GPT-4o episodes: the pairing stays unambiguous); used again while
 * the earlier call is still open, it is blamed, as is a result naming another tool than its call.
 */
record ToolsAnswered() implements EpisodeVerifier {

    static final String ID = "tool:answered";

    static VerifierFactory factory() {
        return new EpisodeConstraint(ID, "Every tool call has exactly one result, and every result answers a call.",
                List.of(), arguments -> new ToolsAnswered());
    }

    @Override
    public String id() {
        return ID;
    }

    /** A call awaiting its result. */
    private record Open(int message, ToolCall call) {
    }

    @Override
    public Verdict check(Episode episode, EnvironmentReplay environment) {
        Map<String, Open> open = new LinkedHashMap<>();
        Map<String, Integer> answeredAt = new HashMap<>();
        List<StepEvidence> steps = new ArrayList<>();
        int calls = 0;
        int stray = 0;
        for (int i = 0; i < episode.messages().size(); i++) {
            ChatMessage message = episode.messages().get(i);
            for (ToolCall call : message.toolCalls()) {
                calls++;
                Open earlier = open.putIfAbsent(call.id(), new Open(i, call));
                if (earlier != null) {
                    steps.add(new StepEvidence(i, call.id(), "call id " + call.id() + " is already used by the "
                            + "unanswered call in message " + earlier.message()));
                }
            }
            if (message.role() != Role.TOOL) {
                continue;
            }
            String id = message.toolCallId();
            Open answered = open.remove(id);
            if (answered != null) {
                answeredAt.put(id, i);
                if (message.name() != null && !message.name().equals(answered.call().name())) {
                    steps.add(new StepEvidence(i, id, "the result is named " + message.name()
                            + " but answers a call of " + answered.call().name()));
                }
            } else {
                stray++;
                Integer first = answeredAt.get(id);
                steps.add(new StepEvidence(i, id, first != null ? "a second result for call " + id
                        + " (the first is message " + first + ")" : "a result for call id " + id
                        + ", which no earlier call has"));
            }
        }
        open.forEach((id, call) -> steps.add(new StepEvidence(call.message(), id, "call " + id + " has no result")));
        String required = "one result per call, none for an unknown call";
        if (steps.isEmpty()) {
            return Verdict.pass(this, calls + " call(s), each answered once", required);
        }
        steps.sort(Comparator.comparingInt(StepEvidence::message));
        return Verdict.failAt(this, open.size() + " call(s) without a result, " + stray
                + " result(s) answering no open call, " + steps.size() + " problem(s) in all", required,
                "Answer every tool call with exactly one tool message carrying its id, after the call", steps);
    }
}
