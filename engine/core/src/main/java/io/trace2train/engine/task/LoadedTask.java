package io.trace2train.engine.task;

import static java.util.Objects.requireNonNull;

import io.trace2train.api.task.TaskSpec;
import io.trace2train.api.verify.Verifier;
import java.util.List;

/**
 * A task as read from its file, with the verifiers of its constraints already built (building them is how their ids
 * and arguments are checked).
 *
 * @param task the task
 * @param line where it starts in its file
 * @param ifevalRow whether it came from an IFEval prompt row
 * @param textKey whether that row's key was a JSON string (IFBench's test file writes them so), not an integer
 * @param verifiers one per constraint
 */
public record LoadedTask(TaskSpec task, int line, boolean ifevalRow, boolean textKey, List<Verifier> verifiers) {

    public LoadedTask {
        requireNonNull(task, "task");
        verifiers = List.copyOf(verifiers);
    }

    /** A task whose row had no key or an integer one. */
    LoadedTask(TaskSpec task, int line, boolean ifevalRow, List<Verifier> verifiers) {
        this(task, line, ifevalRow, false, verifiers);
    }
}
