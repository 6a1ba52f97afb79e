package io.trace2train.cli;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.trace2train.api.backend.GenerationSettings;
import io.trace2train.api.backend.ModelBackend;
import io.trace2train.api.record.RunError;
import io.trace2train.engine.Engine;
import io.trace2train.engine.io.AtomicFiles;
import io.trace2train.engine.io.Digests;
import io.trace2train.engine.record.RecordJson;
import io.trace2train.engine.rollout.ForkPlan;
import io.trace2train.engine.run.Mode;
import io.trace2train.engine.run.WorkUnit;
import io.trace2train.engine.FolderRun;
import io.trace2train.engine.store.RunDirectory;
import io.trace2train.engine.store.RunExecutor;
import io.trace2train.engine.store.RunManifest;
import io.trace2train.engine.task.TaskLoader;
import io.trace2train.engine.task.TaskStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
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
import picocli.CommandLine.ParseResult;
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

    @Option(names = "--tasks", paramLabel = "TASKS.jsonl",
            description = "The tasks (on --resume, default: the tasks file the manifest names).")
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

    @Option(names = {"--unit-timeout", "--fork-timeout"}, defaultValue = "600", paramLabel = "SECONDS",
            description = {"Stop a task (or fork) after this many seconds; its record says timeout (default:"
                    + " ${DEFAULT-VALUE}). A check that ignores the stop is abandoned on its thread; past twice"
                    + " --concurrency of those the run stops, resumable. --fork-timeout is the older name."})
    long unitTimeout;

    /** @throws IllegalArgumentException when the manifest's run is of the other kind (plain run or rollout) */
    abstract void checkKind(RunManifest manifest);

    /** Concurrency, timeouts and early stop. */
    abstract RunExecutor.Limits limits(RunManifest manifest);

    /** The unit timeout given now. */
    Duration unitTimeout() {
        if (unitTimeout < 1) {
            throw new IllegalArgumentException("--unit-timeout must be at least 1 second, got " + unitTimeout);
        }
        return Duration.ofSeconds(unitTimeout);
    }

    /** Called once every unit has run, e.g. to rank forks; may print more. */
    void finish(RunDirectory folder, PrintWriter out) throws IOException {
    }

    @Override
    public Integer call() throws Exception {
        Engine engine = main.engine();
        PrintWriter err = spec.commandLine().getErr();
        // settings come from the manifest on resume, and any given must agree with it; the backend is created (and
        // checked) before a new folder is, so a run that cannot start leaves nothing behind
        RunManifest recorded = target.resume != null ? RunDirectory.readManifest(target.resume) : null;
        Path tasksFile = tasksFile(recorded);
        // the whole file is checked first (every problem at once), keeping no task: the run reads it again as it goes
        TaskLoader loader = new TaskLoader(engine.verifiers());
        int taskCount = loader.check(tasksFile);
        String digest = Digests.sha256(tasksFile);
        if (recorded != null) {
            refuseConflicts(recorded, newManifest(recorded.tasksFile(), recorded.tasksSha256()));
        }
        RunDirectory resumed = recorded != null ? RunDirectory.resume(target.resume, digest) : null;
        RunManifest manifest;
        RunExecutor.Limits limits;
        ModelBackend model;
        try {
            manifest = resumed != null ? resumed.manifest() : newManifest(tasksFile.toString(), digest);
            checkKind(manifest);
            limits = limits(manifest);
            model = FolderRun.backend(engine, manifest, backendOptions.merged(true));
        } catch (RuntimeException e) {
            if (resumed != null) {
                resumed.close();
            }
            throw e;
        }
        // the folder stays locked until the run, its report and its ranking are done
        try (RunDirectory folder = resumed != null ? resumed : RunDirectory.create(target.out, manifest)) {
            long unitCount = (long) taskCount * ForkPlan.unitsPerTask(manifest);
            return run(engine, folder, model, manifest, limits, loader, tasksFile, unitCount, err);
        }
    }

    private int run(Engine engine, RunDirectory folder, ModelBackend model, RunManifest manifest,
            RunExecutor.Limits limits, TaskLoader loader, Path tasksFile, long unitCount, PrintWriter err)
            throws IOException, InterruptedException {
        folder.repairNote().ifPresent(note -> err.println("trace2train: " + note));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        RunExecutor.Summary summary;
        List<RunError> errors = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        try (model; TaskStream taskStream = loader.stream(tasksFile);
                ProgressBar bar = ProgressBars.open(unitName(), unitCount, folder.finished().size())) {
            AtomicInteger done = new AtomicInteger();
            AtomicInteger passed = new AtomicInteger();
            summary = FolderRun.execute(engine, folder, model, ForkPlan.lazily(taskStream, manifest), limits, meters,
                    new RunExecutor.Progress() {
                        @Override
                        public void finished(io.trace2train.api.record.ComplianceRecord record) {
                            if (record.error() != null) {
                                errors.add(record.error());
                            }
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
        RunOutcome outcome = RunOutcome.of(summary, errors);
        report(summary, outcome, folder, meters);
        summary.crashed().forEach(c -> err.println("trace2train: crashed: " + c));
        outcome.describeErrors().forEach(line -> err.println("trace2train: " + line));
        if (summary.stopped() != null) {
            err.println("trace2train: stopped: " + summary.stopped() + "; every finished record is in "
                    + folder.records() + ": continue with --resume " + folder.records().getParent());
            return Main.WORK_FAILED;
        }
        finish(folder, spec.commandLine().getOut());
        return summary.crashed().isEmpty() && !outcome.allErrored() ? Main.OK : Main.WORK_FAILED;
    }

    /** --tasks, or on a resume without it the tasks file the manifest names. */
    private Path tasksFile(RunManifest recorded) {
        if (tasks != null) {
            return tasks;
        }
        if (recorded == null) {
            throw new IllegalArgumentException("--tasks is required for a new run (only --resume takes the tasks"
                    + " file from the run's manifest)");
        }
        Path file = Path.of(recorded.tasksFile());
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new IllegalArgumentException("the tasks file of run " + recorded.runId() + ", " + file
                    + ", is not there (the manifest names it relative to where the run started): give --tasks");
        }
        return file;
    }

    /**
     * Refuses a resume given a setting that differs from the manifest's: the run goes on with its own settings, so a
     * different one would be silently ignored. Compares only the options given on this command line.
     */
    private void refuseConflicts(RunManifest recorded, RunManifest given) {
        ParseResult parsed = spec.commandLine().getParseResult();
        Map<String, java.util.function.Function<RunManifest, Object>> settings = new LinkedHashMap<>();
        settings.put("--mode", RunManifest::mode);
        settings.put("--backend", RunManifest::backend);
        settings.put("--seed", m -> m.generation().seed());
        settings.put("--temperature", m -> m.generation().temperature());
        settings.put("--top-p", m -> m.generation().topP());
        settings.put("--max-new-tokens", m -> m.generation().maxNewTokens());
        settings.put("--stop", m -> m.generation().stop());
        settings.put("--retries", RunManifest::maxRetries);
        settings.put("--rounds", RunManifest::maxRounds);
        settings.put("--reward", m -> m.reward() == null ? "constraint_share" : m.reward());
        settings.put("--first-attempts", RunManifest::firstAttempts);
        rolloutSettings(settings);
        settings.forEach((option, value) -> {
            if (parsed.hasMatchedOption(option) && !java.util.Objects.equals(value.apply(recorded),
                    value.apply(given))) {
                throw new IllegalArgumentException(option + ": run " + recorded.runId() + " was started with "
                        + value.apply(recorded) + ", not " + value.apply(given) + "; --resume continues a run with its"
                        + " own settings: drop " + option + ", or start a new run with --out");
            }
        });
    }

    /** The rollout's own settings a resume compares, by option. */
    void rolloutSettings(Map<String, java.util.function.Function<RunManifest, Object>> settings) {
    }

    private RunManifest newManifest(String tasksFile, String digest) {
        Mode.parse(mode);
        GenerationSettings generation = sampling.generation(seed);
        return RunManifest.start(mode, backendOptions.backend("replay"), backendOptions.merged(true), generation,
                sampling.retries, sampling.rounds, tasksFile, digest, reward, rollout(),
                firstAttempts == null ? null : firstAttempts.toAbsolutePath().toString());
    }

    /** What the progress bar counts: tasks, or forks. */
    abstract String unitName();

    private void report(RunExecutor.Summary summary, RunOutcome outcome, RunDirectory folder,
            SimpleMeterRegistry meters) throws IOException {
        int ran = summary.passed() + summary.failed();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("run_id", folder.manifest().runId());
        figures.put(unitName(), summary.units());
        figures.put("skipped_already_done", summary.skipped());
        figures.put("ran", ran);
        figures.put("passed", summary.passed());
        figures.put("failed", outcome.failedAnswers());
        figures.put("errors", outcome.errors().size());
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
                        + " %d errors, %d crashed, %.1f s%n", folder.manifest().runId(), summary.units(), unitName(),
                ran, summary.skipped(),
                summary.stoppedEarly() == 0 ? "" : ", " + summary.stoppedEarly() + " stopped early",
                summary.passed(), 100.0 * (ran == 0 ? 0 : (double) summary.passed() / ran), outcome.failedAnswers(),
                outcome.errors().size(), summary.crashed().size(), summary.elapsedMillis() / 1000.0);
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
