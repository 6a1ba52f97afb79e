package io.trace2train.cli;

import io.trace2train.api.task.TaskSpec;
import io.trace2train.engine.rollout.ForkPlan;
import io.trace2train.engine.run.WorkUnit;
import io.trace2train.engine.store.RunExecutor;
import io.trace2train.engine.store.RunManifest;
import java.util.List;
import picocli.CommandLine.Command;

/** Runs every task of a file once in one mode and writes one compliance record per task into a run folder. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run tasks (task specs or IFEval prompt rows, JSONL) in a mode, verify and repair, and append one",
                "compliance-eval-record/v1 per task to RUNDIR/records.jsonl. A killed run continues with --resume."})
final class RunCommand extends RunCommandBase {

    @Override
    RunManifest.RolloutManifest rollout() {
        return null;
    }

    @Override
    List<WorkUnit> units(List<TaskSpec> tasks, RunManifest manifest) {
        if (manifest.rollout() != null) {
            throw new IllegalArgumentException("run " + manifest.runId() + " is a rollout: resume it with `rollouts"
                    + " --resume`");
        }
        return ForkPlan.units(tasks, manifest);
    }

    @Override
    RunExecutor.Limits limits(RunManifest manifest) {
        return RunExecutor.Limits.of(sampling.concurrency);
    }

    @Override
    String unitName() {
        return "tasks";
    }
}
