package io.trace2train.api.export;

import java.util.List;
import java.util.function.Consumer;

/**
 * Turns the ranked records of one task into rows of a training file. The engine streams the run to it one task at a
 * time, validates every row against {@link #rowSchema()}, applies the filters (pass only, minimum reward, per-task
 * caps, de-duplication) and writes the rows with their trace, so an exporter only decides what a row is.
 */
public interface Exporter {

    /** Where a row's trace (record, task, prompt id, model, seed) goes: in the row, or in a line-aligned sidecar. */
    enum TracePlacement {
        /** A {@code metadata} object in the row itself: the trainer ignores extra columns. */
        INLINE,
        /** {@code FILE.meta.jsonl}, line N describing row N: the trainer's format allows no extra fields. */
        SIDECAR
    }

    /** The classpath resource (in the exporter's own jar) of the JSON Schema (2020-12) one row must meet. */
    String rowSchema();

    TracePlacement tracePlacement();

    /** Emits this task's rows, best first (per-task caps keep the first ones). */
    void export(TaskRecords task, Consumer<ExportRow> rows);

    /**
     * What a user should read about the written file: figures the trainer cares about (e.g. a label balance) and
     * warnings, which start with {@code "warning: "} (e.g. fewer rows than the trainer accepts). None by default.
     *
     * @param rows rows written
     * @param passedRows of those, rows whose (chosen) completion passes every hard constraint
     */
    default List<String> report(long rows, long passedRows) {
        return List.of();
    }

    /**
     * What this exporter counted for {@link #report} since the last call. An exporter whose
     * report counts what it saw (rows it skipped, pairs it could not make) must hand those counts out here and take
     * them back in {@link #addTally}: a job that exports tasks on one exporter and writes the file with another moves
     * each task's tally across, in the export's order. None by default.
     */
    default ExportTally takeTally() {
        return ExportTally.NONE;
    }

    /** Adds what another exporter of the same format and flavor counted ({@link #takeTally}) to this one's report. */
    default void addTally(ExportTally tally) {
        if (!tally.isEmpty()) {
            throw new IllegalStateException(getClass().getName() + " cannot add a tally it never makes: " + tally);
        }
    }
}
