package io.trace2train.engine;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What {@link Rescoring} judges again and how: the records of run folders (runs, rollouts or imported agent logs),
 * each judged by a new constraint set and/or scored by a new reward.
 *
 * @param runs the run folders whose records are judged again, in order
 * @param constraints a task file ({@code id, ..., constraints} rows or IFEval prompt rows) whose rows give each task's
 *     new constraints by task id (IFEval: by key); null to keep each record's own
 * @param added constraints added after those, each {@code ID}, {@code ID:{ARGS JSON}} or a task file's constraint
 *     object ({@code {"verifier": ..., "args": ..., "level": ...}})
 * @param reward the reward function every record is scored with; null for the one that scored it (or the default)
 */
public record RescoreSpec(List<Path> runs, @Nullable Path constraints, List<String> added, @Nullable String reward) {

    public RescoreSpec {
        runs = List.copyOf(runs);
        added = List.copyOf(added);
        requireNonNull(runs, "runs");
    }

    /** Whether the constraints stay each record's own (only the reward may change). */
    public boolean keepsConstraints() {
        return constraints == null && added.isEmpty();
    }
}
