package io.trace2train.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trace2train.engine.config.ProjectHome;
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
import java.util.SplittableRandom;
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

    private static final ObjectMapper JSON = new ObjectMapper();

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
        if (Files.isDirectory(folder) && Files.list(folder).findAny().isPresent()) {
            throw new IllegalArgumentException(folder + " is not empty: give a new --out folder");
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

        report(folder, repair, rollouts, exports, log, (System.nanoTime() - start) / 1e9);
        return Main.OK;
    }

    /** {@code n} rows of the file, drawn with a seeded shuffle, in the file's order. */
    private static List<String> sample(Path file, int n, long seed) throws IOException {
        List<String> rows = Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank())
                .toList();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            order.add(i);
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = order.size() - 1; i > 0; i--) {
            java.util.Collections.swap(order, i, random.nextInt(i + 1));
        }
        return order.subList(0, Math.min(n, order.size())).stream().sorted().map(rows::get).toList();
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

    private void report(Path folder, Path repair, Path rollouts, Path exports, Path log, double seconds)
            throws IOException {
        List<JsonNode> repaired = ExportFiles.lines(repair.resolve("records.jsonl"));
        long before = repaired.stream().filter(r -> r.get("initial_violations").isEmpty()
                && r.get("error") == null).count();
        long after = repaired.stream().filter(r -> r.get("passed").booleanValue()).count();
        long modelRepairs = repaired.stream().mapToLong(r -> attemptsBy(r, false, "regenerate", "full")).sum();
        long modelRepairsKept = repaired.stream().mapToLong(r -> attemptsBy(r, true, "regenerate", "full")).sum();
        long patches = repaired.stream().mapToLong(r -> attemptsBy(r, true, "patch:")).sum();
        List<JsonNode> forked = ExportFiles.lines(rollouts.resolve("records.jsonl"));
        long forksBefore = forked.stream().filter(r -> r.get("initial_violations").isEmpty()
                && r.get("error") == null).count();
        long forksAfter = forked.stream().filter(r -> r.get("passed").booleanValue()).count();
        List<JsonNode> ranking = ExportFiles.lines(rollouts.resolve("ranking.jsonl"));
        long passAtN = ranking.stream().filter(r -> r.at("/forks/0/passed").booleanValue()).count();
        List<JsonNode> dpo = ExportFiles.lines(exports.resolve("dpo.jsonl"));
        long fromRepairs = dpo.stream().filter(r -> "repair".equals(r.at("/metadata/source").textValue())).count();

        PrintWriter printer = spec.commandLine().getOut();
        printer.printf(Locale.ROOT, "trace2train demo: the whole loop, offline, in %.0f s%n%n", seconds);
        String row = "  %-36s %8s %16s %18s%n";
        printer.printf(Locale.ROOT, row, "", "runs", "pass first try", "pass after repair");
        printer.printf(Locale.ROOT, row, "GPT-4 traces (full_pcl)", repaired.size(),
                share(before, repaired.size()), share(after, repaired.size()));
        printer.printf(Locale.ROOT, row, "stories260K forks (full_pcl, T=1.0)", ranking.size() + "x" + forks,
                share(forksBefore, forked.size()), share(forksAfter, forked.size()));
        printer.printf(Locale.ROOT, row, "  tasks with a passing fork", ranking.size(), "",
                share(passAtN, ranking.size()) + " pass@" + forks);
        printer.printf(Locale.ROOT, "%n  repairs of the traces: %d patches; %d regenerations by stories260K (%d kept,"
                + " %d rolled back)%n", patches, modelRepairs, modelRepairsKept, modelRepairs - modelRepairsKept);
        printer.printf(Locale.ROOT, "  exported: %d SFT rows, %d DPO pairs (%d from repair traces, %d from forks),"
                        + " %d KTO rows%n%n", ExportFiles.lines(exports.resolve("sft.jsonl")).size(), dpo.size(),
                fromRepairs, dpo.size() - fromRepairs, ExportFiles.lines(exports.resolve("kto.jsonl")).size());
        printer.println("  sampled tasks      " + folder.resolve("tasks.jsonl"));
        printer.println("  repaired traces    " + repair.resolve("records.jsonl"));
        printer.println("  rollouts           " + rollouts.resolve("records.jsonl") + ", ranking.jsonl");
        printer.println("  SFT (TRL)          " + exports.resolve("sft.jsonl"));
        printer.println("  DPO (TRL, OpenAI)  " + exports.resolve("dpo.jsonl") + ", dpo-openai.jsonl (+ .meta.jsonl)");
        printer.println("  KTO (TRL)          " + exports.resolve("kto.jsonl"));
        printer.println("  every step's log   " + log);
    }

    /** Attempts whose strategy starts with one of {@code prefixes}; with {@code keptOnly}, those not rolled back. */
    private static long attemptsBy(JsonNode record, boolean keptOnly, String... prefixes) {
        long count = 0;
        for (JsonNode attempt : record.get("attempts")) {
            String strategy = attempt.get("strategy").textValue();
            if (java.util.Arrays.stream(prefixes).anyMatch(strategy::startsWith)
                    && !(keptOnly && attempt.path("rolled_back").asBoolean(false))) {
                count++;
            }
        }
        return count;
    }

    private static String share(long count, long total) {
        return String.format(Locale.ROOT, "%d (%.0f%%)", count, total == 0 ? 0.0 : 100.0 * count / total);
    }

    /** Reads the JSON Lines files the steps wrote. */
    private static final class ExportFiles {

        static List<JsonNode> lines(Path file) throws IOException {
            List<JsonNode> rows = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    rows.add(JSON.readTree(line));
                }
            }
            return rows;
        }
    }
}
