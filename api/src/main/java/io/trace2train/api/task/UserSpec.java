package io.trace2train.api.task;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The user side of a multi-turn agent task: either scripted user turns that follow the task's own messages, one
 * after each answer the agent gives the user, or a user simulator (τ-bench's: a model told the user's instruction
 * plays the user and ends the conversation with {@value #STOP}). In JSON {@code {"turns": [...]}} or
 * {@code {"simulator": {"instruction": "..."}}}.
 *
 * @param turns the scripted user turns, in order; empty for a simulated user
 * @param simulator the simulator, or null for scripted turns
 */
public record UserSpec(@JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> turns,
        @JsonInclude(JsonInclude.Include.NON_NULL) Simulator simulator) {

    /** The marker a simulated user ends the conversation with. */
    public static final String STOP = "###STOP###";

    public UserSpec {
        turns = turns == null ? List.of() : List.copyOf(turns);
        if (turns.isEmpty() == (simulator == null)) {
            throw new IllegalArgumentException("a user side has either scripted turns or a simulator");
        }
    }

    /** A user simulator told {@code instruction}. */
    public record Simulator(String instruction) {

        public Simulator {
            requireNonNull(instruction, "instruction");
        }
    }

    public static UserSpec scripted(List<String> turns) {
        return new UserSpec(turns, null);
    }

    public static UserSpec simulated(String instruction) {
        return new UserSpec(List.of(), new Simulator(instruction));
    }
}
