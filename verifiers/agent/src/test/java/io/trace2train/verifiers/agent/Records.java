package io.trace2train.verifiers.agent;

import io.trace2train.api.backend.GenerationSettings;
import io.trace2train.api.backend.ModelInfo;
import io.trace2train.api.env.EnvironmentReplay;
import io.trace2train.api.env.EnvironmentSpec;
import io.trace2train.api.record.AttemptRecord;
import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.api.record.ConstraintResult;
import io.trace2train.api.record.RunError;
import io.trace2train.api.record.TokenCost;
import io.trace2train.api.record.Versions;
import io.trace2train.api.task.ConstraintSpec;
import io.trace2train.api.task.Episode;
import io.trace2train.api.task.TaskSpec;
import io.trace2train.api.verify.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A task of episode constraints and the record of one episode judged by them, as a replayed import makes it. */
final class Records {

    private Records() {
    }

    static TaskSpec task(List<ConstraintSpec> constraints, Episode episode) {
        return new TaskSpec("t", episode.messages().subList(0, Math.min(2, episode.messages().size())), constraints,
                episode.tools(), EnvironmentSpec.of("tau-airline"));
    }

    /** Every constraint of {@code task} checked on the episode, as the final (only) attempt. */
    static ComplianceRecord judged(TaskSpec task, Episode episode, EnvironmentReplay environment, RunError error) {
        List<ConstraintResult> results = new ArrayList<>();
        for (int i = 0; i < task.constraints().size(); i++) {
            ConstraintSpec spec = task.constraints().get(i);
            Verdict verdict = Constraints.check(spec.verifier(), spec.arguments(), episode, environment);
            results.add(new ConstraintResult(i, verdict.verifierId(), verdict.verifierVersion(), spec.level(),
                    verdict.passed(), verdict.measured(), verdict.required(), verdict.hint(), verdict.evidence(),
                    verdict.status(), verdict.steps()));
        }
        AttemptRecord attempt = new AttemptRecord(0, 0, "replay", null, episode.finalAnswer(), results, 0, 0, 0, null,
                false, null);
        List<Integer> violations = new ArrayList<>();
        results.stream().filter(r -> !r.passed()).forEach(r -> violations.add(r.index()));
        return new ComplianceRecord(ComplianceRecord.SCHEMA_VERSION, "r", "run", task.id(), "hash", task.messages(),
                new ModelInfo("replay", "gpt-4o", "logged"), "direct", GenerationSettings.defaults(), List.of(attempt),
                violations, violations, episode.finalAnswer(), violations.isEmpty(), 0, new TokenCost(0, 0, 0), 0,
                new Versions("test", Map.of()), List.of(), error, null, null, task.constraints())
                .withEpisode(episode, null, null);
    }
}
