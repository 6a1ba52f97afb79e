package io.trace2train.api.record;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.trace2train.api.task.ChatMessage;
import java.util.List;

/**
 * One attempt of a run: a generation, a retry or a repair, with what it produced and how that was judged.
 *
 * @param index 0 for the first generation, then 1, 2, ... in order
 * @param round the repair round (0 for the first generation; retries count as rounds too)
 * @param strategy {@code "generate"}, {@code "retry"}, or the repair strategy's name
 * @param sent the conversation sent to the model; null when no model was called (a patch, a replayed answer is sent
 *     the task's conversation)
 * @param output the text this attempt produced
 * @param constraints every constraint's verdict on {@code output}
 * @param promptTokens prompt tokens of the model call (0 without one)
 * @param completionTokens completion tokens of the model call (0 without one)
 * @param latencyMillis wall time of the attempt
 * @param seed the sampling seed of the model call; null without one
 * @param rolledBack whether the output was discarded because it broke a hard constraint that held before
 * @param note why an attempt did what it did (e.g. a skipped strategy), or null
 * @param branch the episode this attempt played, for attempts of agent episodes (every branch tried is kept, not only
 *     the winner); null for single answers and in records written before it existed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AttemptRecord(
        int index,
        int round,
        String strategy,
        List<ChatMessage> sent,
        String output,
        List<ConstraintResult> constraints,
        @JsonProperty("prompt_tokens") int promptTokens,
        @JsonProperty("completion_tokens") int completionTokens,
        @JsonProperty("latency_ms") long latencyMillis,
        Long seed,
        @JsonProperty("rolled_back") boolean rolledBack,
        String note,
        Branch branch) {

    /**
     * The episode one attempt of an agent task played: its messages after {@code sent} (the conversation the model
     * was first sent), and, for a fork, where it branched off.
     *
     * @param messages what the episode added after {@code sent}: the agent's turns, tool results and user turns
     * @param from the index of the attempt whose episode this one forks; null for an episode played from the start
     * @param forkAt the number of messages of that episode kept as the shared prefix (the first replaced message's
     *     index); null with {@code from}. The fork's {@code sent} is that prefix plus the feedback message.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Branch(List<ChatMessage> messages, Integer from, @JsonProperty("fork_at") Integer forkAt) {

        public Branch {
            messages = List.copyOf(messages);
            if ((from == null) != (forkAt == null)) {
                throw new IllegalArgumentException("a fork names both the attempt it branched from and its fork point");
            }
            if (from != null && (from < 0 || forkAt < 0)) {
                throw new IllegalArgumentException("bad fork: attempt " + from + ", message " + forkAt);
            }
        }

        /** An episode played from the start (a first generation or a retry). */
        public static Branch played(List<ChatMessage> messages) {
            return new Branch(messages, null, null);
        }

        @com.fasterxml.jackson.annotation.JsonIgnore
        public boolean isFork() {
            return from != null;
        }
    }

    /** An attempt that is no episode's. */
    public AttemptRecord(int index, int round, String strategy, List<ChatMessage> sent, String output,
            List<ConstraintResult> constraints, int promptTokens, int completionTokens, long latencyMillis, Long seed,
            boolean rolledBack, String note) {
        this(index, round, strategy, sent, output, constraints, promptTokens, completionTokens, latencyMillis, seed,
                rolledBack, note, null);
    }

    public AttemptRecord {
        requireNonNull(strategy, "strategy");
        sent = sent == null ? null : List.copyOf(sent);
        requireNonNull(output, "output");
        constraints = List.copyOf(constraints);
    }

    /** Whether every hard constraint holds on this attempt's output. */
    public boolean passesHard() {
        return constraints.stream().filter(c -> c.level() == io.trace2train.api.task.ConstraintLevel.HARD)
                .allMatch(ConstraintResult::passed);
    }
}
