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
