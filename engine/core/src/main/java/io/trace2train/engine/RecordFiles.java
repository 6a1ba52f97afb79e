package io.trace2train.engine;

import io.trace2train.api.export.TaskRecords;
import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.engine.record.RecordJson;
import io.trace2train.engine.record.RecordSchema;
import io.trace2train.engine.rollout.RecordGroups;
import io.trace2train.engine.store.RecordValidator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Records files ({@code records.jsonl}) checked on their own, without an engine: no plugin is needed. */
public final class RecordFiles {

    private RecordFiles() {
    }

    /**
     * Checks every line against the record schema, finds a unit's second record, and, where the file is a run
     * folder's, a record of another run.
     *
     * @return records read, every problem (FILE:LINE: field: message) and how many lines have one
     * @throws IOException when the file cannot be read
     */
    public static RecordValidator.Report validate(Path file) throws IOException {
        return RecordValidator.validate(file);
    }

    /**
     * Reads a records file task by task: each task's records (its forks, or its one record), best first, handed over
     * once all {@code perTask} of them are read, the rest at the end of the file, so memory holds only the tasks still
     * open. Lines are parsed on all cores and handed over in file order.
     *
     * @param perTask records a task is complete with (1, or a rollout's forks)
     * @return the records read
     * @throws io.trace2train.engine.io.BadInputException naming the file and line of a line that is not a record, or
     *     of a unit's second record
     * @throws IOException when the file cannot be read
     */
    public static long groups(Path file, int perTask, Consumer<TaskRecords> consumer) throws IOException {
        return RecordGroups.forEach(file, perTask, consumer);
    }

    /**
     * The task id of line {@code line} of a records file, or empty for a blank line (skipped, as every reader skips
     * it): how a job reading the file in parts sends each record to its task. Only the id is read where it can be;
     * {@link #task} checks each line whole.
     *
     * @throws io.trace2train.engine.io.BadInputException naming the file and line when it has no task id to read
     */
    public static java.util.Optional<String> taskId(Path file, int line, String text) {
        return RecordGroups.isBlank(text) ? java.util.Optional.empty()
                : java.util.Optional.of(RecordGroups.taskId(file, line, text));
    }

    /**
     * One task's group as an export reads it: all of its records in the file, checked and ranked best first. An
     * export hands the groups over in {@link io.trace2train.engine.rollout.TaskKey} order.
     *
     * @param runId the run every record must belong to, or null for any
     * @param task the task: its id, and its run's place among the runs an export reads (the key an export sorts by)
     * @param lines every non-blank line of the file with this task's id, in any order
     * @throws io.trace2train.engine.io.BadInputException naming the file and line of every line that is not a record,
     *     a record of another run or a unit's second record
     */
    public static TaskRecords task(Path file, String runId, io.trace2train.engine.rollout.TaskKey task,
            java.util.List<RecordGroups.Line> lines) {
        return RecordGroups.ofTask(file, runId, task.taskId(), lines);
    }

    /**
     * A record as a run appends it: checked against the record schema, then written as one line of JSON (without
     * the line break).
     *
     * @throws IllegalStateException when the record breaks the schema (a bug of whoever built it)
     */
    public static String line(ComplianceRecord record) {
        RecordSchema.check(record);
        return RecordJson.write(record);
    }
}
