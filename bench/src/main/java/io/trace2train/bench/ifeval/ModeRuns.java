package io.trace2train.bench.ifeval;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.trace2train.api.task.TaskSpec;
import io.trace2train.engine.Engine;
import io.trace2train.engine.reward.ConstraintShareReward;
import io.trace2train.engine.rollout.ForkPlan;
import io.trace2train.engine.run.WorkUnit;
import io.trace2train.engine.FolderRun;
import io.trace2train.engine.store.RunDirectory;
import io.trace2train.engine.store.RunExecutor;
import io.trace2train.engine.store.RunManifest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * The runs of a benchmark, one per mode and seed, each a normal run folder under {@code runs/} (resumable like any
 * other), run one after the other on the same backend, each with {@code concurrency} units at once.
 */
final class ModeRuns {

    /**
     * One mode on one seed.
     *
     * @param mode the mode
     * @param seed the run seed
     * @param folder its run folder, created or resumed
     * @param units its units (the sampled prompts, or their forks)
     */
    record Run(BenchMode mode, long seed, RunDirectory folder, List<WorkUnit> units) {

        String name() {
            return mode.folderName(seed);
        }

        int toRun() {
            return (int) units.stream().filter(u -> !folder.finished().contains(u.key())).count();
        }
    }

    /**
     * What this session ran.
     *
     * @param ran units run now
     * @param skipped units that already had a record
     * @param crashed units whose runner threw, with their run
     * @param time this session's run time, every run together
     */
    record Executed(int ran, int skipped, List<String> crashed, RunTiming time) {
    }

    private ModeRuns() {
    }

    /**
     * Creates each mode and seed's run folder, or resumes it.
     *
     * @throws IllegalArgumentException when a run folder there was started with other settings
     */
    static List<Run> open(BenchFolder bench, IfevalBenchSettings settings, List<TaskSpec> tasks, String sampleSha256,
            PrintWriter err) throws IOException {
        List<Run> runs = new ArrayList<>();
        try {
            openEach(bench, settings, tasks, sampleSha256, err, runs);
        } catch (IOException | RuntimeException e) {
            for (Run run : runs) {
                run.folder().close();
            }
            throw e;
        }
        return runs;
    }

    private static void openEach(BenchFolder bench, IfevalBenchSettings settings, List<TaskSpec> tasks,
            String sampleSha256, PrintWriter err, List<Run> runs) throws IOException {
        for (BenchMode mode : settings.modes()) {
            for (long seed : settings.runSeeds()) {
                RunManifest manifest = RunManifest.start(mode.mode().json(), settings.backend(),
                        settings.backendOptions(), settings.generation().withSeed(seed), settings.maxRetries(),
                        settings.maxRounds(), bench.sample().toAbsolutePath().toString(), sampleSha256,
                        ConstraintShareReward.NAME, mode.rollout(settings.generation().temperature()), null);
                java.nio.file.Path path = bench.run(mode.folderName(seed));
                RunDirectory folder;
                if (Files.exists(path.resolve(RunDirectory.MANIFEST))) {
                    folder = RunDirectory.resume(path, sampleSha256);
                    if (!folder.manifest().sameSettings(manifest)) {
                        folder.close();
                        throw new IllegalArgumentException("cannot resume " + path + ": its " + RunDirectory.MANIFEST
                                + " differs from what the benchmark's settings give; start a new benchmark in"
                                + " another --out folder");
                    }
                    folder.repairNote().ifPresent(note -> err.println("trace2train: " + note));
                } else {
                    folder = RunDirectory.create(path, manifest);
                }
                runs.add(new Run(mode, seed, folder, ForkPlan.units(tasks, folder.manifest())));
            }
        }
    }

    /** Runs every unit without a record yet, run after run, adding each run's time to the benchmark's. */
    static Executed execute(Engine engine, BenchFolder bench, List<Run> runs, ModelClock clock, int concurrency,
            BenchProgress progress) throws IOException, InterruptedException {
        long total = runs.stream().mapToLong(r -> r.units().size()).sum();
        long toRun = runs.stream().mapToLong(Run::toRun).sum();
        progress.start(total, total - toRun);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        int ran = 0;
        int skipped = 0;
        List<String> crashed = new ArrayList<>();
        RunTiming session = RunTiming.NONE;
        for (Run run : runs) {
            if (run.toRun() == 0) {
                skipped += run.units().size();
                continue;
            }
            ModelClock.Reading before = clock.read();
            long start = System.nanoTime();
            RunExecutor.Summary summary = FolderRun.execute(engine, run.folder(), clock, run.units(),
                    RunExecutor.Limits.of(concurrency), meters, record -> progress.finished(run.name(), record));
            long wall = System.nanoTime() - start;
            ModelClock.Reading used = clock.read().minus(before);
            RunTiming timing = new RunTiming(wall, used.busyNanos(), used.callNanos(), used.calls(), 1);
            bench.addTiming(run.name(), timing);
            session = session.plus(timing);
            ran += summary.passed() + summary.failed();
            skipped += summary.skipped();
            summary.crashed().forEach(c -> crashed.add(run.name() + ": " + c));
            if (summary.stopped() != null) {
                crashed.add(run.name() + ": stopped: " + summary.stopped());
                break;
            }
        }
        return new Executed(ran, skipped, crashed, session);
    }
}
