package io.trace2train.engine.run;

import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.api.record.RunError;

/** Runs one unit of work to a complete record. Thread-safe: a run store calls it for many units at once. */
public interface TaskRunner {

    /**
     * Runs the unit. A failure of the task itself (the backend gave up, the output could not be checked, the unit was
     * cancelled) does not throw: the record carries the error, so one task's failure never stops a run.
     */
    ComplianceRecord run(String runId, WorkUnit unit, Cancellation cancellation);

    /**
     * The record of a unit that ended with {@code error} without {@link #run} giving one: its thread was abandoned
     * past its timeout, or {@code run} threw. Must not call plugins, so it cannot hang or throw in turn.
     */
    ComplianceRecord failed(String runId, WorkUnit unit, RunError error);
}
