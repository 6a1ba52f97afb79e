package io.trace2train.cli;

import io.trace2train.engine.rollout.ForkPlan;
import io.trace2train.engine.rollout.Rankings;
import io.trace2train.engine.rollout.TemperatureSchedule;
import io.trace2train.engine.store.RunDirectory;
import io.trace2train.engine.store.RunExecutor;
import io.trace2train.engine.store.RunManifest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs every task N times (forks with their own seeds and temperatures) and ranks the forks by reward. */
@Command(name = "rollouts", mixinStandardHelpOptions = true,
        description = {"Run every task --forks times, each fork with its own seed and a temperature from a schedule,"
                + " all forks on one bounded pool; every fork is a full record in RUNDIR/records.jsonl (in any mode),"
                + " and RUNDIR/ranking.jsonl ranks each task's forks by the verifier's reward. A killed rollout"
                + " continues with --resume."})
final class RolloutsCommand extends RunCommandBase {

    @Option(names = "--forks", defaultValue = "4", description = "Forks per task (default: ${DEFAULT-VALUE}).")
    int forks;

    @Option(names = "--temperatures", paramLabel = "SCHEDULE",
            description = "Each fork's temperature: T, a list T1,T2,... (cycled), or linear:LOW:HIGH (default: the"
                    + " --temperature value for every fork).")
    String temperatures;

    @Option(names = "--stop-after-passes", defaultValue = "0", paramLabel = "K",
            description = "Once K forks of a task pass, skip its forks not yet started and cancel its running ones"
                    + " (default: 0, run every fork).")
    int stopAfterPasses;

    @Override
    RunManifest.RolloutManifest rollout() {
        String schedule = temperatures == null ? Double.toString(sampling.temperature) : temperatures;
        new TemperatureSchedule(schedule);
        ForkPlan.checkForks(forks);
        if (stopAfterPasses < 0) {
            throw new IllegalArgumentException("--stop-after-passes must be 0 or more");
        }
        return new RunManifest.RolloutManifest(forks, schedule, unitTimeout().toSeconds(), stopAfterPasses);
    }

    @Override
    void checkKind(RunManifest manifest) {
        rolloutOf(manifest);
    }

    @Override
    RunExecutor.Limits limits(RunManifest manifest) {
        RunManifest.RolloutManifest rollout = rolloutOf(manifest);
        // a resumed rollout keeps the timeout it started with unless one is given now
        boolean given = spec.commandLine().getParseResult().hasMatchedOption("--unit-timeout");
        Duration timeout = !given && rollout.forkTimeoutSeconds() > 0 ? Duration.ofSeconds(rollout.forkTimeoutSeconds())
                : unitTimeout();
        return new RunExecutor.Limits(Math.max(1, sampling.concurrency), timeout, rollout.stopAfterPasses());
    }

    @Override
    void rolloutSettings(java.util.Map<String, java.util.function.Function<RunManifest, Object>> settings) {
        settings.put("--forks", m -> rolloutOf(m).forks());
        settings.put("--temperatures", m -> rolloutOf(m).temperatures());
        settings.put("--fork-timeout", m -> rolloutOf(m).forkTimeoutSeconds());
        settings.put("--stop-after-passes", m -> rolloutOf(m).stopAfterPasses());
    }

    @Override
    String unitName() {
        return "forks";
    }

    @Override
    void finish(RunDirectory folder, PrintWriter out) throws IOException {
        RunManifest.RolloutManifest rollout = rolloutOf(folder.manifest());
        Path ranking = folder.records().resolveSibling(Rankings.FILE);
        Rankings.Totals totals = Rankings.write(folder.records(), rollout.forks(), ranking);
        out.printf(Locale.ROOT, "ranked %d tasks: %d with a passing fork (pass@%d %.1f%%), %d of %d forks pass%n",
                totals.tasks(), totals.tasksWithPassingFork(), rollout.forks(),
                totals.tasks() == 0 ? 0.0 : 100.0 * totals.tasksWithPassingFork() / totals.tasks(),
                totals.passingForks(), totals.forks());
        out.println("ranking: " + ranking);
    }

    private static RunManifest.RolloutManifest rolloutOf(RunManifest manifest) {
        if (manifest.rollout() == null) {
            throw new IllegalArgumentException("run " + manifest.runId() + " is a plain run: resume it with `run"
                    + " --resume`");
        }
        return manifest.rollout();
    }
}
