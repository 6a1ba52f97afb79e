package io.trace2train.cli;

import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.engine.Engine;
import io.trace2train.engine.RunResult;
import io.trace2train.engine.RunSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
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

    @Option(names = {"--unit-timeout", "--fork-timeout"}, defaultValue = "600", paramLabel = "SECONDS",
            description = {"Stop a task (or fork) after this many seconds; its record says timeout (default:"
                    + " ${DEFAULT-VALUE}). A check that ignores the stop is abandoned on its thread; past twice"
                    + " --concurrency of those the run stops, resumable. --fork-timeout is the older name."})
    long unitTimeout;

    @Option(names = "--max-steps", defaultValue = "50", paramLabel = "N",
            description = "Agent tasks (tasks with tools): the agent's model calls per episode at most; past it the"
                    + " episode ends with error kind budget (default: ${DEFAULT-VALUE}).")
    int maxSteps;

    @Option(names = "--max-tool-calls", defaultValue = "100", paramLabel = "N",
            description = "Agent tasks: tool calls per episode at most (default: ${DEFAULT-VALUE}).")
    int maxToolCalls;

    @Option(names = "--max-tokens", defaultValue = "1000000", paramLabel = "N",
            description = "Agent tasks: prompt and completion tokens of every model call of an episode at most"
                    + " (default: ${DEFAULT-VALUE}).")
    long maxTokens;

    @Option(names = "--episode-timeout", defaultValue = "600", paramLabel = "SECONDS",
            description = "Agent tasks: an episode's wall time at most; a model call still running is interrupted"
                    + " and the episode ends with error kind timeout (default: ${DEFAULT-VALUE}).")
    long episodeTimeout;

    /** Adds what the command's own options say (a rollout's forks) to the spec. */
    void addTo(RunSpec.Builder spec) {
    }

    /** Prints what follows the summary, e.g. the ranking. */
    void finish(RunResult result, PrintWriter out) {
    }

    @Override
    public Integer call() throws Exception {
        if (tasks == null && target.resume == null) {
            throw new UsageException("--tasks is required for a new run (only --resume takes the tasks"
                    + " file from the run's manifest)");
        }
        Engine engine = main.engine();
        PrintWriter err = spec.commandLine().getErr();
        ProgressListener progress = new ProgressListener(err);
        RunSpec.Builder builder = RunSpec.builder().mode(mode).backend(backendOptions.backend("replay"))
                .backendOptions(backendOptions.merged(true)).seed(seed).reward(reward)
                .unitTimeout(Duration.ofSeconds(unitTimeout)).maxSteps(maxSteps).maxToolCalls(maxToolCalls)
                .maxTokens(maxTokens).episodeTimeout(Duration.ofSeconds(episodeTimeout)).listener(progress);
        sampling.addTo(builder);
        if (tasks != null) {
            builder.tasks(tasks);
        }
        if (firstAttempts != null) {
            builder.firstAttempts(firstAttempts);
        }
        addTo(builder);
        // a resume compares only the settings given on this command line with its manifest
        ParseResult parsed = spec.commandLine().getParseResult();
        for (RunSpec.Setting setting : RunSpec.Setting.values()) {
            if (!parsed.hasMatchedOption(SettingFlags.flag(setting.label()))) {
                builder.notGiven(setting);
            }
        }
        RunResult result = target.resume != null ? engine.runs().resume(target.resume, builder.build())
                : engine.runs().start(target.out, builder.build());
        report(result);
        result.crashed().forEach(c -> err.println("trace2train: crashed: " + c));
        result.describeErrors().forEach(line -> err.println("trace2train: " + line));
        if (result.stopped() != null) {
            err.println("trace2train: stopped: " + result.stopped() + "; every finished record is in "
                    + result.records() + ": continue with --resume " + result.folder());
            return Main.WORK_FAILED;
        }
        finish(result, spec.commandLine().getOut());
        return result.succeeded() ? Main.OK : Main.WORK_FAILED;
    }

    /** The progress bar, opened when the run starts; the pass rate so far as its message. */
    private final class ProgressListener implements RunSpec.RunListener {
        private final PrintWriter err;
        private final AtomicInteger done = new AtomicInteger();
        private final AtomicInteger passed = new AtomicInteger();
        private volatile ProgressBar bar;

        ProgressListener(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void note(String message) {
            err.println("trace2train: " + message);
        }

        @Override
        public void started(long units, long alreadyDone) {
            bar = ProgressBars.open(unitName(), units, alreadyDone);
        }

        @Override
        public void finished(ComplianceRecord record) {
            int n = done.incrementAndGet();
            int p = record.passed() ? passed.incrementAndGet() : passed.get();
            bar.step();
            bar.setExtraMessage(String.format(Locale.ROOT, "pass %.1f%%", 100.0 * p / n));
        }

        @Override
        public void skipped() {
            bar.step();
        }

        @Override
        public void ended() {
            if (bar != null) {
                bar.close();
            }
        }
    }

    /** "tasks" or "forks": what the summary counts. */
    abstract String unitName();

    private void report(RunResult result) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "run %s: %d %s, %d ran now (%d already done%s), %d passed (%.1f%%), %d failed,"
                        + " %d errors, %d crashed, %.1f s%n", result.runId(), result.units(), unitName(),
                result.ran(), result.skipped(),
                result.stoppedEarly() == 0 ? "" : ", " + result.stoppedEarly() + " stopped early",
                result.passed(), 100.0 * (result.ran() == 0 ? 0 : (double) result.passed() / result.ran()),
                result.failedAnswers(), result.errors().size(), result.crashed().size(),
                result.elapsedMillis() / 1000.0);
        result.meters().forEach((name, value) -> {
            if (name.startsWith("trace2train.attempts") || name.startsWith("trace2train.tokens")) {
                out.printf(Locale.ROOT, "  %-70s %.0f%n", name, value);
            }
        });
        out.println("records: " + result.records());
        if (summaryJson != null) {
            result.writeSummary(summaryJson, unitName());
        }
    }
}
