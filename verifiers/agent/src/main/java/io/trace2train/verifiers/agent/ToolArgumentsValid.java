package io.trace2train.verifiers.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.ValidationMessage;
import io.trace2train.api.env.EnvironmentReplay;
import io.trace2train.api.env.ToolDefinition;
import io.trace2train.api.task.Episode;
import io.trace2train.api.verify.StepEvidence;
import io.trace2train.api.verify.Verdict;
import io.trace2train.api.verify.VerifierFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code tool:arguments_valid}: every call's arguments parse as one JSON object and validate against its tool's
 * JSON Schema ({@link ToolSchemas} says how). Calls to tools the episode does not offer are {@code tool:known}'s
 * business and are skipped here; a tool whose schema cannot be compiled makes its calls not valid, with the reason;
 * a schema {@code pattern} that runs past its work budget makes the check not checkable.
 */
record ToolArgumentsValid() implements EpisodeVerifier {

    static final String ID = "tool:arguments_valid";
    /** How many of a call's schema violations a step names (a hostile call could have thousands). */
    private static final int SHOWN = 5;

    static VerifierFactory factory() {
        return new EpisodeConstraint(ID, "Every tool call's arguments are a JSON object valid against the tool's "
                + "JSON Schema (types, enums, required, no unknown properties).", List.of(),
                arguments -> new ToolArgumentsValid());
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Verdict check(Episode episode, EnvironmentReplay environment) {
        List<StepEvidence> steps = new ArrayList<>();
        int checked = 0;
        for (Episode.Call call : episode.calls()) {
            ToolDefinition tool = episode.tool(call.call().name());
            if (tool == null) {
                continue;
            }
            checked++;
            Optional<String> problem;
            try {
                problem = problem(tool, call.call().arguments());
            } catch (BoundedPatterns.OverBudget undecided) {
                return Verdict.notCheckable(this, "call " + call.call().id() + " of " + tool.name() + ": "
                        + undecided.getMessage());
            }
            problem.ifPresent(reason -> steps.add(
                    new StepEvidence(call.message(), call.call().id(), call.call().name() + ": " + reason)));
        }
        String required = "arguments valid against each tool's schema";
        if (steps.isEmpty()) {
            return Verdict.pass(this, checked + " call(s) with valid arguments", required);
        }
        return Verdict.failAt(this, steps.size() + " of " + checked + " call(s) with invalid arguments", required,
                "Fix the arguments: " + steps.getFirst().reason()
                        + (steps.size() > 1 ? " (and " + (steps.size() - 1) + " more call(s))" : ""), steps);
    }

    private static Optional<String> problem(ToolDefinition tool, String arguments) {
        Optional<ObjectNode> parsed = CallArguments.parse(arguments);
        if (parsed.isEmpty()) {
            return Optional.of("the arguments are not a JSON object: " + shorten(arguments));
        }
        if (tool.parameters().isEmpty()) {
            return Optional.empty(); // a tool without a schema takes any object
        }
        Set<ValidationMessage> messages;
        try {
            messages = ToolSchemas.of(tool.parameters()).validate(parsed.get());
        } catch (BoundedPatterns.OverBudget undecided) {
            throw undecided;
        } catch (RuntimeException broken) {
            return Optional.of("the tool's parameter schema cannot be used: " + broken.getMessage());
        }
        if (messages.isEmpty()) {
            return Optional.empty();
        }
        List<String> texts = messages.stream().map(ValidationMessage::getMessage).sorted().toList();
        return Optional.of(String.join("; ", texts.subList(0, Math.min(SHOWN, texts.size())))
                + (texts.size() > SHOWN ? "; and " + (texts.size() - SHOWN) + " more" : ""));
    }

    private static String shorten(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
