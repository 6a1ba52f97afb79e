package io.trace2train.cli;

import io.trace2train.engine.store.RunExecutor;
import io.trace2train.engine.store.RunManifest;
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
    void checkKind(RunManifest manifest) {
        if (manifest.rollout() != null) {
            throw new IllegalArgumentException("run " + manifest.runId() + " is a rollout: resume it with `rollouts"
                    + " --resume`");
        }
    }

    @Override
    RunExecutor.Limits limits(RunManifest manifest) {
        return new RunExecutor.Limits(Math.max(1, sampling.concurrency), unitTimeout(), 0);
    }

    @Override
    String unitName() {
        return "tasks";
    }
}
