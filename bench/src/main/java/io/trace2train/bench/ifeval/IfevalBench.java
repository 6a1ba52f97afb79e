package io.trace2train.bench.ifeval;

import io.trace2train.api.backend.ModelBackend;
import io.trace2train.engine.Engine;
import io.trace2train.engine.Verification;
import io.trace2train.engine.ifeval.IfevalPrompt;
import io.trace2train.engine.io.BadInputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The IFEval benchmark ({@code bench ifeval}): every mode on every seed over one fixed sample of prompts, each run a
 * resumable run folder; then each record's final output judged strictly and loosely, figures with their spread,
 * intervals and paired tests, and {@code results.json}, {@code results.md} and {@code chart.svg} in the folder.
 */
public final class IfevalBench {

    private IfevalBench() {
    }

    /**
     * Runs (or, with {@code resume}, continues) the benchmark in {@code out} and writes its results there.
     *
     * @throws BadInputException for a bad dataset, a folder that already holds a benchmark (without
     *     {@code resume}) or one started with other settings (with it), or a backend that cannot be created
     */
    public static BenchResults run(Engine engine, IfevalBenchSettings settings, Path out, boolean resume,
            BenchProgress progress, PrintWriter err) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Path dataset = Datasets.resolve(settings.dataset());
        Verification verify = engine.verify();
        Verification.Sample drawn = verify.sample(dataset, settings.limit(), settings.sampleSeed());
        if (drawn.datasetPrompts() == 0) {
            throw new BadInputException("--dataset " + settings.dataset() + ": " + dataset + " holds no prompts");
        }
        // a resumed benchmark is checked before the backend loads (which may take minutes); a new one is written
        // only once the backend loaded, so a bad backend option leaves nothing behind
        BenchFolder folder = resume ? BenchFolder.resume(out, settings, dataset, drawn) : null;
        if (!resume) {
            BenchFolder.checkNew(out);
        }
        ModelBackend backend = engine.backends().open(settings.backend(), settings.backendOptions());
        List<IfevalPrompt> prompts;
        ModeRuns.Executed executed;
        List<ModeRuns.Run> runs;
        long setup;
        try (ModelClock clock = new ModelClock(backend)) {
            if (folder == null) {
                folder = BenchFolder.create(out, settings, dataset, drawn);
            }
            // every run's tasks file is the sample as written, so each run folder stands on its own
            prompts = verify.prompts(folder.sample());
            runs = ModeRuns.plan(folder, settings);
            setup = System.nanoTime() - start;
            executed = ModeRuns.execute(engine, folder, settings, runs, prompts.size(), clock, progress, err);
        }
        long judging = System.nanoTime();
        List<ModeFigures> figures = new ArrayList<>();
        int seeds = settings.seeds();
        for (int m = 0; m < settings.modes().size(); m++) {
            BenchMode mode = settings.modes().get(m);
            List<SeedOutcome> outcomes = new ArrayList<>();
            List<RunTiming> timings = new ArrayList<>();
            // runs are opened mode by mode, seed by seed
            for (ModeRuns.Run r : runs.subList(m * seeds, (m + 1) * seeds)) {
                outcomes.add(SeedOutcome.judge(verify, prompts, r.records(), mode.recordsPerPrompt()));
                timings.add(folder.timing(r.name()));
            }
            figures.add(new ModeFigures(mode, settings.runSeeds(), outcomes, timings, settings.sampleSeed()));
        }
        long now = System.nanoTime();
        BenchResults.Session session = new BenchResults.Session(now - start, setup, executed.time(),
                now - judging, executed.ran(), executed.skipped());
        BenchResults results = new BenchResults(settings, dataset, drawn.datasetSha256(), drawn.datasetPrompts(),
                prompts, figures, session, executed.crashed());
        ResultsWriter.write(out, results);
        return results;
    }
}
