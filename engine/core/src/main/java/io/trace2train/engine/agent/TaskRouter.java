package io.trace2train.engine.agent;

import static java.util.Objects.requireNonNull;

import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.api.record.RunError;
import io.trace2train.engine.run.Cancellation;
import io.trace2train.engine.run.TaskRunner;
import io.trace2train.engine.run.WorkUnit;

/** Runs each unit with the runner its task needs: the agent loop for a task with tools, the plain runner otherwise. */
public final class TaskRouter implements TaskRunner {

    private final TaskRunner plain;
    private final TaskRunner agent;

    public TaskRouter(TaskRunner plain, TaskRunner agent) {
        this.plain = requireNonNull(plain, "plain");
        this.agent = requireNonNull(agent, "agent");
    }

    private TaskRunner of(WorkUnit unit) {
        return unit.task().hasTools() ? agent : plain;
    }

    @Override
    public ComplianceRecord run(String runId, WorkUnit unit, Cancellation cancellation) {
        return of(unit).run(runId, unit, cancellation);
    }

    @Override
    public ComplianceRecord failed(String runId, WorkUnit unit, RunError error) {
        return of(unit).failed(runId, unit, error);
    }
}
