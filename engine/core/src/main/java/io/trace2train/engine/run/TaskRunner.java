package io.trace2train.engine.run;

import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.api.task.TaskSpec;

/** Runs one task to a complete record. Thread-safe: a run store calls it for many tasks at once. */
@FunctionalInterface
public interface TaskRunner {

    /**
     * Runs the task. A failure of the task itself (the backend gave up, the output could not be checked) does not
     * throw: the record carries the error, so one task's failure never stops a run.
     */
    ComplianceRecord run(String runId, TaskSpec task);
}
