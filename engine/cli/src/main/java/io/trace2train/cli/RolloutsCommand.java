package io.trace2train.cli;

import io.trace2train.engine.RunResult;
import io.trace2train.engine.RunSpec;
import java.io.PrintWriter;
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

    @Option(names = "--branch-at", defaultValue = "0", paramLabel = "K",
            description = "Agent tasks: the forks of a task share the episode's first K model calls of the agent,"
                    + " computed once with --seed at --temperature, and each continues from there with its own seed"
                    + " and temperature in a copy of the world as the prefix left it (default: 0, every fork runs"
                    + " its whole episode).")
    int branchAt;

    @Override
    void addTo(RunSpec.Builder spec) {
        spec.forks(forks, temperatures, stopAfterPasses).branchAt(branchAt).given(RunSpec.Setting.FORKS,
                RunSpec.Setting.TEMPERATURES, RunSpec.Setting.STOP_AFTER_PASSES);
    }

    @Override
    String unitName() {
        return "forks";
    }

    @Override
    void finish(RunResult result, PrintWriter out) {
        RunResult.Ranking ranking = result.ranking();
        var totals = ranking.totals();
        out.printf(Locale.ROOT, "ranked %d tasks: %d with a passing fork (pass@%d %.1f%%), %d of %d forks pass%n",
                totals.tasks(), totals.tasksWithPassingFork(), ranking.forks(),
                totals.tasks() == 0 ? 0.0 : 100.0 * totals.tasksWithPassingFork() / totals.tasks(),
                totals.passingForks(), totals.forks());
        out.println("ranking: " + ranking.file());
    }
}
