package io.trace2train.engine.run;

import io.micrometer.core.instrument.MeterRegistry;
import io.trace2train.api.record.AttemptRecord;
import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.api.record.ConstraintResult;
import java.util.concurrent.TimeUnit;

/** The run's Micrometer meters: attempts by mode and strategy, verdicts by verifier, tokens, task latency. */
public final class RunMeters {

    private final MeterRegistry registry;
    private final String mode;

    public RunMeters(MeterRegistry registry, Mode mode) {
        this.registry = registry;
        this.mode = mode.json();
    }

    public void attempt(AttemptRecord attempt) {
        registry.counter("trace2train.attempts", "mode", mode, "strategy", attempt.strategy()).increment();
        for (ConstraintResult result : attempt.constraints()) {
            registry.counter("trace2train.verdicts", "verifier", result.verifier(),
                    "passed", String.valueOf(result.passed())).increment();
        }
        registry.counter("trace2train.tokens", "kind", "prompt").increment(attempt.promptTokens());
        registry.counter("trace2train.tokens", "kind", "completion").increment(attempt.completionTokens());
    }

    public void task(ComplianceRecord record) {
        registry.timer("trace2train.task.latency", "mode", mode).record(record.latencyMillis(), TimeUnit.MILLISECONDS);
        registry.counter("trace2train.tasks", "mode", mode, "passed", String.valueOf(record.passed()),
                "error", record.error() == null ? "none" : record.error().kind()).increment();
    }
}
