package io.trace2train.verifiers.agent;

import static java.util.Objects.requireNonNull;

import io.trace2train.api.env.EnvironmentReplay;
import io.trace2train.api.param.ParameterSpec;
import io.trace2train.api.param.ParameterType;
import io.trace2train.api.task.ChatMessage;
import io.trace2train.api.task.Episode;
import io.trace2train.api.task.Role;
import io.trace2train.api.verify.StepEvidence;
import io.trace2train.api.verify.Verdict;
import io.trace2train.api.verify.VerifierFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code answer:told_user}: τ-bench's output rule. Each output, lower-cased, occurs in some message the agent sent
 * the user (an assistant message without tool calls), lower-cased with its commas removed ({@code 1,628} tells
 * {@code 1628}).
 */
record ToldUser(List<String> outputs) implements EpisodeVerifier {

    static final String ID = "answer:told_user";

    ToldUser {
        outputs = List.copyOf(requireNonNull(outputs, "outputs"));
    }

    static VerifierFactory factory() {
        return new EpisodeConstraint(ID, "Each output occurs (case and commas ignored) in some message to the user.",
                List.of(ParameterSpec.required("outputs", ParameterType.STRING_LIST,
                        "the facts the agent must tell the user")),
                arguments -> new ToldUser(arguments.stringList("outputs")));
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Verdict check(Episode episode, EnvironmentReplay environment) {
        List<String> told = episode.messagesToUser().stream()
                .map(text -> text.toLowerCase(Locale.ROOT).replace(",", "")).toList();
        List<String> missing = new ArrayList<>();
        for (String output : outputs) {
            String wanted = output.toLowerCase(Locale.ROOT);
            if (told.stream().noneMatch(text -> text.contains(wanted))) {
                missing.add(output);
            }
        }
        String required = "told the user " + outputs;
        if (missing.isEmpty()) {
            return Verdict.pass(this, "all " + outputs.size() + " output(s) told", required);
        }
        int last = lastMessageToUser(episode);
        List<StepEvidence> steps = last < 0 ? List.of()
                : List.of(new StepEvidence(last, null, "the last message to the user lacks " + missing));
        return Verdict.failAt(this, "not told: " + missing, required, "Tell the user " + String.join("; ", missing),
                steps);
    }

    private static int lastMessageToUser(Episode episode) {
        for (int i = episode.messages().size() - 1; i >= 0; i--) {
            ChatMessage message = episode.messages().get(i);
            if (message.role() == Role.ASSISTANT && !message.callsTools()) {
                return i;
            }
        }
        return -1;
    }
}
