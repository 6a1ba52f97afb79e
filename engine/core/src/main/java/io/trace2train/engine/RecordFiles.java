package io.trace2train.engine;

import io.trace2train.engine.store.RecordValidator;
import java.io.IOException;
import java.nio.file.Path;

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
}
