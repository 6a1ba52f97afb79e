package io.trace2train.cli;

import io.trace2train.engine.Engine;
import io.trace2train.engine.Examples;
import io.trace2train.engine.ExportSpec;
import io.trace2train.engine.Exports;
import io.trace2train.engine.ImportResult;
import io.trace2train.engine.ImportSpec;
import io.trace2train.engine.RunResult;
import io.trace2train.engine.RunSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * The whole loop on what the project ships, offline: recorded agent traces (GPT-4's IFEval answers) repaired in
 * full_pcl with the deterministic patches and regeneration by the embedded stories260K model, rollouts of that model
 * ranked by reward, and SFT, DPO and KTO files; then the agent part: τ-bench's recorded GPT-4o airline episodes
 * imported, replayed in {@code tau-airline}, scored, ranked, and exported as SFT and DPO rows with tools. Each step
 * calls the engine's use cases; its log shows the command a user would type for it, and what it did.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the whole loop offline on what the project ships: a sample of IFEval tasks with GPT-4's"
                + " recorded answers as first attempts, full_pcl repairs (patches, then regeneration by the embedded"
                + " stories260K model), rollouts of that model ranked by reward, and SFT, DPO and KTO exports; then"
                + " agent episodes: tau-bench's 200 recorded GPT-4o airline episodes imported, replayed in"
                + " tau-airline, scored, ranked, and exported as SFT and DPO rows with tools.",
                "Writes everything under --out and prints where it went, with a short table."})
final class DemoCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where everything goes (default: a new trace2train-out-DATE-TIME folder here).")
    Path out;

    @Option(names = "--tasks", defaultValue = "40", description = "IFEval tasks whose traces are repaired"
            + " (default: ${DEFAULT-VALUE}).")
    int tasks;

    @Option(names = "--rollout-tasks", defaultValue = "12", description = "Tasks given rollouts (default:"
            + " ${DEFAULT-VALUE}).")
    int rolloutTasks;

    @Option(names = "--forks", defaultValue = "4", description = "Forks per rollout task (default: ${DEFAULT-VALUE}).")
    int forks;

    @Option(names = "--seed", defaultValue = "42", description = "Run seed and sample seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        if (tasks < 0 || rolloutTasks < 0) {
            throw new UsageException("--tasks and --rollout-tasks must be 0 or more, got " + tasks + " and "
                    + rolloutTasks);
        }
        Path folder = out != null ? out : Path.of("trace2train-out-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        if (Files.isDirectory(folder)) {
            try (var entries = Files.list(folder)) {
                if (entries.findAny().isPresent()) {
                    throw new UsageException(folder + " is not empty: give a new --out folder");
                }
            }
        }
        Files.createDirectories(folder);
        Path log = folder.resolve("demo.log");
        Path model = Examples.defaultModel();
        Path traces = Examples.traces();
        // the benchmark's fixed sample, in the file's order
        List<String> sample = Examples.sampleLines(Examples.tasks(), tasks, seed);
        Path taskFile = folder.resolve("tasks.jsonl");
        Files.write(taskFile, sample, StandardCharsets.UTF_8);
        Path rolloutFile = folder.resolve("rollout-tasks.jsonl");
        Files.write(rolloutFile, sample.subList(0, Math.min(rolloutTasks, sample.size())), StandardCharsets.UTF_8);
        Engine engine = main.engine();
        List<Object> local = List.of("--backend", "jlama", "--option", "model-dir=" + model, "--option", "raw=true",
                "--max-new-tokens", 64, "--seed", seed);
        try (PrintWriter logged = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
            Path repair = folder.resolve("repair");
            logStep(logged, concat(List.of("run", "--tasks", taskFile, "--mode", "full_pcl", "--first-attempts",
                    traces, "--out", repair), local));
            logRun(logged, "run", engine.runs().start(repair, localModel(model).tasks(taskFile).mode("full_pcl")
                    .firstAttempts(traces).build()), log);
            Path rollouts = folder.resolve("rollouts");
            logStep(logged, concat(List.of("rollouts", "--tasks", rolloutFile, "--forks", forks, "--temperature",
                    "1.0", "--mode", "full_pcl", "--out", rollouts), local));
            logRun(logged, "rollouts", engine.runs().start(rollouts, localModel(model).tasks(rolloutFile)
                    .forks(forks, null, 0).temperature(1.0).mode("full_pcl").build()), log);
            Path exports = folder.resolve("export");
            for (String format : List.of("sft", "dpo", "kto")) {
                logStep(logged, List.of("export", "--run", repair, "--run", rollouts, "--format", format, "--out",
                        exports.resolve(format + ".jsonl")));
                logExport(logged, engine.exports().export(ExportSpec.builder(format, exports.resolve(format
                        + ".jsonl")).run(repair).run(rollouts).build()));
            }
            logStep(logged, List.of("export", "--run", repair, "--run", rollouts, "--format", "dpo", "--flavor",
                    "openai", "--out", exports.resolve("dpo-openai.jsonl")));
            logExport(logged, engine.exports().export(ExportSpec.builder("dpo", exports.resolve("dpo-openai.jsonl"))
                    .flavor("openai").run(repair).run(rollouts).build()));
            DemoReport.AgentPart agent = agentPart(engine, logged, folder.resolve("agent"), exports);
            DemoReport.print(spec.commandLine().getOut(), forks, folder, repair, rollouts, exports, agent, log,
                    (System.nanoTime() - start) / 1e9);
        }
        return Main.OK;
    }

    /**
     * The agent part: the shipped τ-bench episodes imported (each replayed in {@code tau-airline}, every constraint
     * and the state reward judged, each task's trials ranked), then exported as SFT and DPO rows with tools.
     */
    private static DemoReport.AgentPart agentPart(Engine engine, PrintWriter logged, Path agent, Path exports)
            throws IOException, InterruptedException {
        Path episodes = Examples.episodes();
        logStep(logged, List.of("import", "--format", "tau-bench", "--in", episodes, "--out", agent));
        ImportResult imported = engine.imports().start(agent, ImportSpec.builder("tau-bench", episodes).build());
        logImport(logged, imported);
        List<Exports.ExportResult> exported = new ArrayList<>();
        for (String format : List.of("sft", "dpo")) {
            Path file = exports.resolve("agent-" + format + ".jsonl");
            logStep(logged, List.of("export", "--run", agent, "--format", format, "--flavor", "trl", "--out", file));
            exported.add(engine.exports().export(ExportSpec.builder(format, file).flavor("trl").run(agent).build()));
            logExport(logged, exported.getLast());
        }
        return new DemoReport.AgentPart(imported, exported.get(0).summary(), exported.get(1).summary());
    }

    private static void logImport(PrintWriter log, ImportResult result) {
        log.printf(Locale.ROOT, "import %s: %d of %d episodes, %d skipped, %d pass every hard constraint%n",
                result.runId(), result.imported(), result.read(), result.skippedEpisodes(), result.passed());
        result.skipped().forEach(p -> log.println("skipped: " + p));
        log.printf(Locale.ROOT, "tool results: %d compared with the environment's, %d differ%n",
                result.resultsCompared(), result.resultsDiffering());
        log.printf(Locale.ROOT, "reward: mean %.3f; %s%n", result.meanReward(), result.rewards().entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%d x %.3f", e.getValue(), e.getKey())).toList());
        log.println("records: " + result.records());
        log.println("ranking: " + result.ranking().file());
    }

    /** The embedded model's settings every model step shares. */
    private RunSpec.Builder localModel(Path model) {
        return RunSpec.builder().backend("jlama").backendOption("model-dir", model.toString())
                .backendOption("raw", "true").maxNewTokens(64).seed(seed);
    }

    private static List<Object> concat(List<Object> a, List<Object> b) {
        List<Object> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** The command a user would type for a step, so the log shows how to do each step by hand. */
    private static void logStep(PrintWriter log, List<Object> args) {
        log.println("$ trace2train " + String.join(" ", args.stream().map(String::valueOf).toList()));
    }

    private static void logRun(PrintWriter log, String step, RunResult result, Path logFile) {
        log.printf(Locale.ROOT, "run %s: %d %s, %d passed, %d failed, %d errors, %d crashed, %.1f s%n",
                result.runId(), result.units(), result.rollout() ? "forks" : "tasks", result.passed(),
                result.failedAnswers(), result.errors().size(), result.crashed().size(),
                result.elapsedMillis() / 1000.0);
        result.describeErrors().forEach(log::println);
        log.println("records: " + result.records());
        if (result.ranking() != null) {
            log.println("ranking: " + result.ranking().file());
        }
        if (!result.succeeded()) {
            throw new IllegalStateException("the demo step `" + step + "` failed"
                    + (result.stopped() != null ? " (" + result.stopped() + ")" : "") + ": see " + logFile);
        }
    }

    private static void logExport(PrintWriter log, Exports.ExportResult result) {
        var summary = result.summary();
        log.printf(Locale.ROOT, "%s (%s): %d rows from %d records of %d tasks%n", result.format(), result.flavor(),
                summary.rows(), summary.records(), summary.tasks());
        summary.warnings().forEach(w -> log.println("warning: " + w));
        summary.report().forEach(log::println);
        log.println("rows: " + summary.file());
    }
}
