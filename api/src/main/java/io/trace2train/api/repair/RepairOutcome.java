package io.trace2train.api.repair;

import static java.util.Objects.requireNonNull;

import io.trace2train.api.backend.Generation;
import io.trace2train.api.task.ChatMessage;
import java.util.List;
import java.util.Optional;

/**
 * A repaired output, and the model call that produced it, if any.
 *
 * @param output the new output
 * @param sent the conversation sent to the model (empty for a patch)
 * @param generation the model's answer with its token counts and latency (empty for a patch)
 */
public record RepairOutcome(String output, List<ChatMessage> sent, Optional<Generation> generation) {

    public RepairOutcome {
        requireNonNull(output, "output");
        sent = List.copyOf(sent);
        requireNonNull(generation, "generation");
    }

    /** A deterministic edit: no model call. */
    public static RepairOutcome patched(String output) {
        return new RepairOutcome(output, List.of(), Optional.empty());
    }

    public static RepairOutcome generated(List<ChatMessage> sent, Generation generation) {
        return new RepairOutcome(generation.text(), sent, Optional.of(generation));
    }
}
