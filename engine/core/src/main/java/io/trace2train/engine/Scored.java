package io.trace2train.engine;

import static java.util.Objects.requireNonNull;

import io.trace2train.api.record.ConstraintResult;
import io.trace2train.api.record.EnvironmentOutcome;
import io.trace2train.api.record.RewardRecord;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One completion (or agent episode) judged against one task: what a reward service answers per item.
 *
 * @param taskId the task's id (an IFEval row's key); null when the row could not be read
 * @param reward the reward function's score; null when the item could not be judged
 * @param passed whether every hard constraint holds (false when the item could not be judged)
 * @param constraints every constraint's verdict, in the task's order; empty when the item could not be judged
 * @param versions the engine's and the verifiers' versions, sorted by key (answers serialise them in this order)
 * @param failure why the item could not be judged, or null
 * @param message what was wrong, in words; empty when judged
 * @param checkNanos the time each constraint's check took, in the constraints' order (for per-verifier metrics)
 * @param environment an episode's environment after its replay (name, version, final state digest, logged results
 *     compared and differing); null for a completion or an episode in no environment
 * @param notes where an episode's logged tool results differ from its environment's (one line each); empty otherwise
 */
public record Scored(@Nullable String taskId, @Nullable RewardRecord reward, boolean passed,
        List<ConstraintResult> constraints, Map<String, String> versions, @Nullable Failure failure, String message,
        List<Long> checkNanos, @Nullable EnvironmentOutcome environment, List<String> notes) {

    public Scored {
        constraints = List.copyOf(constraints);
        notes = List.copyOf(notes);
        checkNanos = List.copyOf(checkNanos);
        // sorted, not Map.copyOf: its iteration order changes from one JVM to the next, and answers must not
        versions = Collections.unmodifiableMap(new TreeMap<>(versions));
        requireNonNull(message, "message");
        if (failure != null && (passed || reward != null)) {
            throw new IllegalArgumentException("an item that could not be judged neither passes nor has a reward");
        }
    }

    /** An item that could not be judged. */
    public static Scored failed(@Nullable String taskId, Failure failure, String message) {
        return new Scored(taskId, null, false, List.of(), Map.of(), requireNonNull(failure, "failure"), message,
                List.of(), null, List.of());
    }

    /** Why an item could not be judged; a batch's other items are judged all the same. */
    public enum Failure {
        /** The item or its task row is malformed (a missing prompt, a wrong field type, an unknown field). */
        BAD_ITEM,
        /** A constraint names no verifier the loaded plugins provide. */
        UNKNOWN_VERIFIER,
        /** A constraint's arguments are wrong for its verifier. */
        BAD_CONSTRAINT,
        /** A verifier threw on this completion (a plugin's bug). */
        VERIFIER_FAILED,
        /** The item's checks did not end within the time a caller allows. */
        TIMED_OUT;

        /** The name on the wire, e.g. {@code unknown_verifier}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
