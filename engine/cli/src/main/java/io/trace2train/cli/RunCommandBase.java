package io.trace2train.cli;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.trace2train.api.backend.GenerationSettings;
import io.trace2train.api.backend.ModelBackend;
import io.trace2train.api.task.TaskSpec;
import io.trace2train.engine.Engine;
import io.trace2train.engine.io.AtomicFiles;
import io.trace2train.engine.io.Digests;
import io.trace2train.engine.record.RecordJson;
import io.trace2train.engine.run.Mode;
import io.trace2train.engine.run.WorkUnit;
import io.trace2train.engine.store.FolderRun;
import io.trace2train.engine.store.RunDirectory;
import io.trace2train.engine.store.RunExecutor;
import io.trace2train.engine.store.RunManifest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What {@code run} and {@code rollouts} share: tasks, mode, backend, sampling, the run folder with its manifest and
 * resume, the progress bar and the summary. A subclass says which units of work the tasks become.
 */
abstract class RunCommandBase implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = "--tasks", required = true, paramLabel = "TASKS.jsonl", description = "The tasks.")
    Path tasks;

    @ArgGroup(multiplicity = "1")
    Target target;

    /** A new run folder, or one to continue. */
    static final class Target {
        @Option(names = "--out", paramLabel = "RUNDIR", description = "A new run folder.")
        Path out;

        @Option(names = "--resume", paramLabel = "RUNDIR",
                description = "Continue the run in this folder (its manifest's settings are used).")
        Path resume;
    }

    @Option(names = "--mode", defaultValue = "direct", paramLabel = "MODE",
            description = "direct, prompt_retry or full_pcl (default: ${DEFAULT-VALUE}).")
    String mode;

    @Mixin
    BackendOptions backendOptions;

    @Option(names = "--first-attempts", paramLabel = "FILE",
            description = {"Recorded agent answers (prompt, response rows, or a run's records.jsonl) that answer each"
                    + " task's own conversation; the backend answers only retries and repairs."})
    Path firstAttempts;

    @Option(names = "--seed", defaultValue = "42", description = "The run seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    SamplingOptions sampling;

    @Option(names = "--summary-json", paramLabel = "FILE", description = "Also write the summary and meters as JSON.")
    Path summaryJson;

    @Option(names = "--reward", defaultValue = "constraint_share", paramLabel = "NAME",
            description = "The reward every record is scored with (default: ${DEFAULT-VALUE}; `plugins` lists them).")
    String reward;

    /** How the tasks are forked; null for a plain run. Only read for a new run: a resumed one has its manifest's. */
    abstract RunManifest.RolloutManifest rollout();

    /** The units of work the tasks become. */
    abstract List<WorkUnit> units(List<TaskSpec> tasks, RunManifest manifest);

    /** Concurrency, timeouts and early stop. */
    abstract RunExecutor.Limits limits(RunManifest manifest);

    /** Called once every unit has run, e.g. to rank forks; may print more. */
    void finish(RunDirectory folder, PrintWriter out) throws IOException {
    }

    @Override
    public Integer call() throws Exception {
        Engine engine = main.engine();
        List<TaskSpec> taskList = new io.trace2train.engine.task.TaskLoader(engine.verifiers()).load(tasks);
        String digest = Digests.sha256(tasks);
        PrintWriter err = spec.commandLine().getErr();
        // settings come from the manifest on resume; the backend is created before a new folder is, so a run that
        // cannot start leaves nothing behind
        RunDirectory resumed = target.resume != null ? RunDirectory.resume(target.resume, digest) : null;
        RunManifest manifest;
        ModelBackend model;
        try {
            manifest = resumed != null ? resumed.manifest() : newManifest(digest);
            model = FolderRun.backend(engine, manifest, backendOptions.merged(false));
        } catch (RuntimeException e) {
            if (resumed != null) {
                resumed.close();
            }
            throw e;
        }
        // the folder stays locked until the run, its report and its ranking are done
        try (RunDirectory folder = resumed != null ? resumed : RunDirectory.create(target.out, manifest)) {
            return run(engine, folder, model, manifest, units(taskList, manifest), err);
        }
    }

    private int run(Engine engine, RunDirectory folder, ModelBackend model, RunManifest manifest,
            List<WorkUnit> units, PrintWriter err) throws IOException, InterruptedException {
        folder.repairNote().ifPresent(note -> err.println("trace2train: " + note));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        RunExecutor.Summary summary;
        try (model; ProgressBar bar = ProgressBars.open(unitName(), units.size(), folder.finished().size())) {
            AtomicInteger done = new AtomicInteger();
            AtomicInteger passed = new AtomicInteger();
            summary = FolderRun.execute(engine, folder, model, units, limits(manifest), meters,
                    new RunExecutor.Progress() {
                        @Override
                        public void finished(io.trace2train.api.record.ComplianceRecord record) {
                            int n = done.incrementAndGet();
                            int p = record.passed() ? passed.incrementAndGet() : passed.get();
                            bar.step();
                            bar.setExtraMessage(String.format(Locale.ROOT, "pass %.1f%%", 100.0 * p / n));
                        }

                        @Override
                        public void skipped(WorkUnit unit) {
                            bar.step();
                        }
                    });
        }
        report(summary, folder, meters);
        finish(folder, spec.commandLine().getOut());
        summary.crashed().forEach(c -> err.println("trace2train: crashed: " + c));
        return summary.crashed().isEmpty() ? Main.OK : Main.WORK_FAILED;
    }

    private RunManifest newManifest(String digest) {
        Mode.parse(mode);
        GenerationSettings generation = sampling.generation(seed);
        return RunManifest.start(mode, backendOptions.backend, backendOptions.merged(true), generation,
                sampling.retries, sampling.rounds, tasks.toString(), digest, reward, rollout(),
                firstAttempts == null ? null : firstAttempts.toAbsolutePath().toString());
    }

    /** What the progress bar counts: tasks, or forks. */
    abstract String unitName();

    private void report(RunExecutor.Summary summary, RunDirectory folder, SimpleMeterRegistry meters)
            throws IOException {
        int ran = summary.passed() + summary.failed();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("run_id", folder.manifest().runId());
        figures.put(unitName(), summary.units());
        figures.put("skipped_already_done", summary.skipped());
        figures.put("ran", ran);
        figures.put("passed", summary.passed());
        figures.put("failed", summary.failed());
        figures.put("crashed", summary.crashed().size());
        figures.put("stopped_early", summary.stoppedEarly());
        figures.put("pass_rate", ran == 0 ? 0.0 : (double) summary.passed() / ran);
        figures.put("elapsed_ms", summary.elapsedMillis());
        figures.put("records", folder.records().toString());
        Map<String, Double> meterValues = new java.util.TreeMap<>();
        for (Meter meter : meters.getMeters()) {
            String name = meter.getId().getName() + meter.getId().getTags().stream()
                    .map(t -> t.getKey() + "=" + t.getValue()).toList();
            meter.measure().forEach(m -> meterValues.put(name + "." + m.getStatistic().getTagValueRepresentation(),
                    m.getValue()));
        }
        figures.put("meters", meterValues);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "run %s: %d %s, %d ran now (%d already done%s), %d passed (%.1f%%), %d failed,"
                        + " %d crashed, %.1f s%n", folder.manifest().runId(), summary.units(), unitName(), ran,
                summary.skipped(), summary.stoppedEarly() == 0 ? "" : ", " + summary.stoppedEarly() + " stopped early",
                summary.passed(), 100.0 * (ran == 0 ? 0 : (double) summary.passed() / ran), summary.failed(),
                summary.crashed().size(), summary.elapsedMillis() / 1000.0);
        meterValues.forEach((name, value) -> {
            if (name.startsWith("trace2train.attempts") || name.startsWith("trace2train.tokens")) {
                out.printf(Locale.ROOT, "  %-70s %.0f%n", name, value);
            }
        });
        out.println("records: " + folder.records());
        if (summaryJson != null) {
            AtomicFiles.write(summaryJson, w -> w.write(
                    RecordJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(figures)));
        }
    }
}
