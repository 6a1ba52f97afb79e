package io.trace2train.engine.rollout;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;

/**
 * A task's place in an export: its task id as the records carry it ({@code task_id}), then the run folder it came
 * from (its index among the export's runs), so that one task id in two runs gives two groups, the first run's first.
 * The order is total and depends on nothing but the records: a run whose lines were written in another order, or a
 * job that reads them in parts, exports its tasks in the same order. Task ids compare as Java strings do (UTF-16
 * code units), so {@code "10" < "9"}.
 *
 * @param taskId the records' task id
 * @param run the run folder's index among the export's runs
 */
public record TaskKey(String taskId, int run) implements Comparable<TaskKey>, Serializable {

    private static final long serialVersionUID = 1L;

    public TaskKey {
        requireNonNull(taskId, "taskId");
    }

    @Override
    public int compareTo(TaskKey other) {
        int byTask = taskId.compareTo(other.taskId);
        return byTask != 0 ? byTask : Integer.compare(run, other.run);
    }
}
