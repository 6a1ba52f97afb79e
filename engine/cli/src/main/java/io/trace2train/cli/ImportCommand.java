package io.trace2train.cli;

import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.engine.ImportResult;
import io.trace2train.engine.ImportSpec;
import io.trace2train.engine.NothingImportedException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Agent logs into a run folder: the command-line door to {@code Engine.imports()}. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import agent logs into a run folder: each episode becomes a task and a"
                + " compliance-eval-record/v1 (the whole episode, every constraint's verdict, the reward), replayed in"
                + " its environment where there is one, every logged tool result compared with the environment's.",
                "Formats: openai (chat-format JSONL: messages, tools, optional task_id, constraints, environment,"
                        + " model), tau-bench (run.py's JSON array of results, or one {task_id, trial, messages,"
                        + " task} a line; replayed in tau-airline unless --environment says otherwise).",
                "A bad episode is reported as FILE:LINE and skipped; the others are imported. A killed import"
                        + " continues with --resume. Exit codes: 0 ok, 1 no episode could be imported, 2 bad usage."})
final class ImportCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = "--format", paramLabel = "FORMAT", description = "openai or tau-bench (a new import needs it).")
    String format;

    @Option(names = "--in", paramLabel = "FILE", description = "The log file (a resume reads the manifest's).")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "RUNDIR", description = "The run folder to write.")
    Path out;

    @Option(names = "--environment", paramLabel = "NAME",
            description = "Replay every episode in this environment (`plugins` lists them); tau-bench's default:"
                    + " tau-airline.")
    String environment;

    @Option(names = "--option", paramLabel = "KEY=VALUE", description = "An environment option; repeatable.")
    Map<String, String> options = new LinkedHashMap<>();

    @Option(names = "--reward", paramLabel = "NAME", description = "The reward function (default: state where the"
            + " episodes have an environment and a plugin provides it, else constraint_share).")
    String reward;

    @Option(names = "--concurrency", defaultValue = "0", paramLabel = "N",
            description = "Episodes imported at once (default: one per core).")
    int concurrency;

    @Option(names = "--resume", description = "Continue the import in --out: episodes with a record are skipped.")
    boolean resume;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Progress progress = new Progress(err);
        ImportResult result;
        try {
            if (resume) {
                if (format != null || environment != null || !options.isEmpty() || reward != null) {
                    throw new UsageException("--resume continues with the import's own settings: give"
                            + " only --out (and --in where the log moved)");
                }
                result = main.engine().imports().resume(out, in, progress);
            } else {
                if (format == null || in == null) {
                    throw new UsageException("a new import needs --format and --in");
                }
                ImportSpec.Builder builder = ImportSpec.builder(format, in).environment(environment)
                        .environmentOptions(options).reward(reward).listener(progress);
                if (concurrency > 0) {
                    builder.concurrency(concurrency);
                }
                result = main.engine().imports().start(out, builder.build());
            }
        } catch (NothingImportedException e) {
            // every episode of the log is broken: the work failed, and each problem says where
            err.println("trace2train: no episode could be imported; " + e.getMessage());
            return Main.WORK_FAILED;
        }
        PrintWriter printer = spec.commandLine().getOut();
        result.skipped().forEach(p -> err.println("trace2train: skipped: " + p));
        printer.printf(Locale.ROOT, "imported %d of %d episodes (%d skipped%s), %d pass every hard constraint%n",
                result.imported(), result.read(), result.skippedEpisodes(),
                result.alreadyImported() == 0 ? "" : ", " + result.alreadyImported() + " imported before",
                result.passed());
        if (result.resultsCompared() > 0) {
            printer.printf(Locale.ROOT, "tool results: %d compared with the environment's, %d differ (named in the"
                    + " records' notes)%n", result.resultsCompared(), result.resultsDiffering());
        }
        if (result.imported() > 0) {
            printer.printf(Locale.ROOT, "reward: mean %.3f; %s%n", result.meanReward(), result.rewards().entrySet()
                    .stream().map(e -> String.format(Locale.ROOT, "%d x %.3f", e.getValue(), e.getKey()))
                    .collect(Collectors.joining(", ")));
        }
        printer.println("records: " + result.records());
        var ranking = result.ranking().totals();
        printer.printf(Locale.ROOT, "ranking: %s (%d tasks, %d with an episode that passes)%n",
                result.ranking().file(), ranking.tasks(), ranking.tasksWithPassingFork());
        return result.allFailed() ? Main.WORK_FAILED : Main.OK;
    }

    /** The progress bar on standard error, opened when the import starts. */
    private static final class Progress implements ImportSpec.ImportListener {

        private final PrintWriter err;
        private ProgressBar bar;

        Progress(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void note(String message) {
            err.println("trace2train: " + message);
        }

        @Override
        public void started(int episodes, int done) {
            bar = ProgressBars.open("episodes", episodes, done);
        }

        @Override
        public void imported(ComplianceRecord record) {
            bar.step();
        }

        @Override
        public void ended() {
            if (bar != null) {
                bar.close();
            }
        }
    }
}
