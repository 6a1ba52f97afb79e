package io.trace2train.cli;

import io.trace2train.engine.config.ProjectHome;
import io.trace2train.engine.task.PromptSample;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * The whole loop on what the project ships, offline: recorded agent traces (GPT-4's IFEval answers) repaired in
 * full_pcl with the deterministic patches and regeneration by the embedded stories260K model, rollouts of that model
 * ranked by reward, and SFT, DPO and KTO files. Each step is the command a user would run, with its log kept.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the whole loop offline on what the project ships: a sample of IFEval tasks with GPT-4's"
                + " recorded answers as first attempts, full_pcl repairs (patches, then regeneration by the embedded"
                + " stories260K model), rollouts of that model ranked by reward, and SFT, DPO and KTO exports.",
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
        Path folder = out != null ? out : Path.of("trace2train-out-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        if (Files.isDirectory(folder)) {
            try (var entries = Files.list(folder)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException(folder + " is not empty: give a new --out folder");
                }
            }
        }
        Files.createDirectories(folder);
        Path log = folder.resolve("demo.log");
        Path model = ProjectHome.resolve(ProjectHome.DEFAULT_MODEL);
        Path traces = ProjectHome.resolve(ProjectHome.EXAMPLE_TRACES);
        List<String> sample = sample(ProjectHome.resolve(ProjectHome.EXAMPLE_TASKS), tasks, seed);
        Path taskFile = folder.resolve("tasks.jsonl");
        Files.write(taskFile, sample, StandardCharsets.UTF_8);
        Path rolloutFile = folder.resolve("rollout-tasks.jsonl");
        Files.write(rolloutFile, sample.subList(0, Math.min(rolloutTasks, sample.size())), StandardCharsets.UTF_8);
        List<Object> local = List.of("--backend", "jlama", "--option", "model-dir=" + model, "--option", "raw=true",
                "--max-new-tokens", 64, "--seed", seed);

        Path repair = folder.resolve("repair");
        step(log, concat(List.of("run", "--tasks", taskFile, "--mode", "full_pcl", "--first-attempts", traces,
                "--out", repair), local));
        Path rollouts = folder.resolve("rollouts");
        step(log, concat(List.of("rollouts", "--tasks", rolloutFile, "--forks", forks, "--temperature", "1.0",
                "--mode", "full_pcl", "--out", rollouts), local));
        Path exports = folder.resolve("export");
        List<String> formats = List.of("sft", "dpo", "kto");
        for (String format : formats) {
            step(log, List.of("export", "--run", repair, "--run", rollouts, "--format", format, "--out",
                    exports.resolve(format + ".jsonl")));
        }
        step(log, List.of("export", "--run", repair, "--run", rollouts, "--format", "dpo", "--flavor", "openai",
                "--out", exports.resolve("dpo-openai.jsonl")));

        DemoReport.print(spec.commandLine().getOut(), forks, folder, repair, rollouts, exports, log,
                (System.nanoTime() - start) / 1e9);
        return Main.OK;
    }

    /** {@code n} rows of the file, the benchmark's fixed sample ({@link PromptSample}), in the file's order. */
    private static List<String> sample(Path file, int n, long seed) throws IOException {
        List<String> rows = Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank())
                .toList();
        return java.util.Arrays.stream(PromptSample.indices(rows.size(), n, seed)).mapToObj(rows::get).toList();
    }

    private static List<Object> concat(List<Object> a, List<Object> b) {
        List<Object> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** Runs one command as a user would, its output appended to the log. */
    private void step(Path log, List<Object> args) throws IOException {
        String[] strings = args.stream().map(String::valueOf).toArray(String[]::new);
        try (PrintWriter writer = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND), true)) {
            writer.println("$ trace2train " + String.join(" ", strings));
            int code = Main.run(withGlobalOptions(strings), writer, writer);
            if (code != Main.OK) {
                throw new IllegalStateException("the demo step `" + strings[0] + "` failed (exit " + code + "): see "
                        + log);
            }
        }
    }

    /** The demo's own --plugins and --config apply to its steps too. */
    private String[] withGlobalOptions(String[] args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (main.configFile != null) {
            all.addAll(1, List.of("--config", main.configFile.toString()));
        }
        if (main.pluginDirectory != null) {
            all.addAll(1, List.of("--plugins", main.pluginDirectory.toString()));
        }
        return all.toArray(String[]::new);
    }
}
