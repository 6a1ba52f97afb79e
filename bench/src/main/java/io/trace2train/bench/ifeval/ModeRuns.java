package io.trace2train.bench.ifeval;

import io.trace2train.engine.Engine;
import io.trace2train.engine.RunResult;
import io.trace2train.engine.RunSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The runs of a benchmark, one per mode and seed, each a normal run folder under {@code runs/} (resumable like any
 * other), run one after the other through the engine's {@link io.trace2train.engine.Runs} on the same loaded
 * backend, each with {@code concurrency} units at once.
 */
final class ModeRuns {

    /** The manifest a started run folder has; absent, the run starts, present, it resumes. */
    private static final String MANIFEST = "manifest.json";

    /**
     * One mode on one seed.
     *
     * @param mode the mode
     * @param seed the run seed
     * @param folder its run folder
     */
    record Run(BenchMode mode, long seed, Path folder) {

        String name() {
            return mode.folderName(seed);
        }

        Path records() {
            return folder.resolve("records.jsonl");
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

    /** Each mode and seed's run, in that order. */
    static List<Run> plan(BenchFolder bench, IfevalBenchSettings settings) {
        List<Run> runs = new ArrayList<>();
        for (BenchMode mode : settings.modes()) {
            for (long seed : settings.runSeeds()) {
                runs.add(new Run(mode, seed, bench.run(mode.folderName(seed))));
            }
        }
        return runs;
    }

    /**
     * Runs every unit without a record yet, run after run, adding each run's time to the benchmark's. A run folder
     * that exists is resumed, and refused where it was started with other settings.
     *
     * @param prompts the sample's prompts (a rollout mode's run has their forks)
     */
    static Executed execute(Engine engine, BenchFolder bench, IfevalBenchSettings settings, List<Run> runs,
            int prompts, ModelClock clock, BenchProgress progress, PrintWriter err)
            throws IOException, InterruptedException {
        long total = 0;
        for (Run run : runs) {
            total += (long) prompts * run.mode().recordsPerPrompt();
        }
        progress.start(total, 0);
        int ran = 0;
        int skipped = 0;
        List<String> crashed = new ArrayList<>();
        RunTiming session = RunTiming.NONE;
        for (Run run : runs) {
            ModelClock.Reading before = clock.read();
            long start = System.nanoTime();
            RunSpec spec = spec(bench, settings, run, clock, progress, err);
            RunResult result = Files.exists(run.folder().resolve(MANIFEST)) ? engine.runs().resume(run.folder(), spec)
                    : engine.runs().start(run.folder(), spec);
            skipped += result.skipped();
            if (result.ran() > 0) {
                long wall = System.nanoTime() - start;
                ModelClock.Reading used = clock.read().minus(before);
                RunTiming timing = new RunTiming(wall, used.busyNanos(), used.callNanos(), used.calls(), 1);
                bench.addTiming(run.name(), timing);
                session = session.plus(timing);
            }
            ran += result.ran();
            result.crashed().forEach(c -> crashed.add(run.name() + ": " + c));
            if (result.stopped() != null) {
                crashed.add(run.name() + ": stopped: " + result.stopped());
                break;
            }
        }
        return new Executed(ran, skipped, crashed, session);
    }

    /** Every setting given, so a resumed run folder must have been started with the benchmark's settings. */
    private static RunSpec spec(BenchFolder bench, IfevalBenchSettings settings, Run run, ModelClock clock,
            BenchProgress progress, PrintWriter err) {
        var generation = settings.generation();
        RunSpec.Builder spec = RunSpec.builder().tasks(bench.sample().toAbsolutePath()).mode(run.mode().mode().json())
                .backend(settings.backend()).backendOptions(settings.backendOptions()).seed(run.seed())
                .temperature(generation.temperature()).topP(generation.topP()).maxNewTokens(generation.maxNewTokens())
                .stop(generation.stop()).retries(settings.maxRetries()).rounds(settings.maxRounds())
                .concurrency(settings.concurrency()).model(clock)
                .listener(new RunSpec.RunListener() {
                    @Override
                    public void note(String message) {
                        err.println("trace2train: " + message);
                    }

                    @Override
                    public void started(long units, long alreadyDone) {
                        progress.alreadyDone(alreadyDone);
                    }

                    @Override
                    public void finished(io.trace2train.api.record.ComplianceRecord record) {
                        progress.finished(run.name(), record);
                    }
                });
        if (run.mode().forks() > 0) {
            spec.forks(run.mode().forks(), null, 0).given(RunSpec.Setting.FORKS, RunSpec.Setting.TEMPERATURES,
                    RunSpec.Setting.STOP_AFTER_PASSES);
        }
        // the unit timeout is the engine's default, and older benchmark folders recorded none
        return spec.notGiven(RunSpec.Setting.UNIT_TIMEOUT).build();
    }
}
