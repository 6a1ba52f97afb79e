package io.trace2train.cli;

import io.trace2train.engine.ExportSpec;
import io.trace2train.engine.Exports;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Turns a run folder into a training file: SFT, DPO, KTO or rewards rows in TRL's or OpenAI's format. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Export a run (or rollout) folder as training data. Every row is checked against its format's"
                + " JSON Schema and carries its trace (record, task, prompt_id, model, seed) inline or, for OpenAI"
                + " files, in FILE.meta.jsonl. The file is written whole or not at all.",
                "Formats: sft, dpo, kto, rewards (`plugins` lists them with their options)."})
final class ExportCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = "--run", required = true, paramLabel = "RUNDIR",
            description = "A run folder; repeatable: runs are exported one after the other into one file.")
    List<Path> runs;

    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "sft, dpo, kto or rewards.")
    String format;

    @Option(names = "--flavor", paramLabel = "FLAVOR",
            description = "trl or openai (default: the format's first, trl).")
    String flavor;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "The JSONL file to write; with --output-format parquet, the dataset folder.")
    Path out;

    /** The file format of the dataset. */
    enum OutputFormat { jsonl, parquet }

    @Option(names = "--output-format", defaultValue = "jsonl", paramLabel = "FORMAT",
            description = "jsonl (default: one file, its config in the folder's card) or parquet (a Hugging Face"
                    + " dataset folder: README.md and data/SPLIT-00000-of-00001.parquet).")
    OutputFormat outputFormat;

    @Option(names = "--validation-share", defaultValue = "0", paramLabel = "X",
            description = "The share of tasks (e.g. 0.05) whose rows go to a validation split (default 0: one train"
                    + " split); a task's rows are never split.")
    double validationShare;

    @Option(names = "--split-seed", defaultValue = "0", paramLabel = "N",
            description = "The seed of the split by task: the same task lands in the same split for the same seed.")
    long splitSeed;

    @Option(names = "--option", paramLabel = "KEY=VALUE",
            description = "A format option, e.g. dpo's pairs=all, max-pairs=4, sources=repairs; repeatable.")
    Map<String, String> options = new LinkedHashMap<>();

    @Option(names = "--train-on", paramLabel = "TURNS", description = "sft of agent episodes: all (default: every"
            + " assistant turn) or final (only the last; OpenAI rows weight the earlier turns 0, TRL rows become"
            + " {prompt, completion, tools}).")
    String trainOn;

    @Option(names = "--pass-only", description = "Only rows whose (chosen) completion passes every hard constraint.")
    boolean passOnly;

    @Option(names = "--min-reward", paramLabel = "R", description = "Only rows whose (chosen) completion has at"
            + " least this reward.")
    Double minReward;

    @Option(names = "--max-per-task", defaultValue = "0", paramLabel = "N",
            description = "Rows per task at most, best first (default: no cap).")
    int maxPerTask;

    @Option(names = "--keep-duplicates",
            description = "Keep rows whose prompt and completion repeat an earlier row's (default: dropped).")
    boolean keepDuplicates;

    @Option(names = "--overwrite", description = "Replace the --out file (and its trace) if it exists.")
    boolean overwrite;

    @Override
    public Integer call() throws Exception {
        Exports.ExportResult result = main.engine().exports().export(ExportSpec.builder(format, out).runs(runs)
                .flavor(flavor).options(options).trainOn(trainOn).passOnly(passOnly).minReward(minReward).maxPerTask(maxPerTask)
                .dedupe(!keepDuplicates).overwrite(overwrite).parquet(outputFormat == OutputFormat.parquet)
                .split(validationShare, splitSeed).build());
        var summary = result.summary();
        summary.warnings().forEach(w -> spec.commandLine().getErr().println("trace2train: warning: " + w));
        var printer = spec.commandLine().getOut();
        printer.printf(Locale.ROOT, "%s (%s): %d rows from %d records of %d tasks (%d filtered, %d duplicates,"
                + " %d unusable%s)%n", result.format(), result.flavor(), summary.rows(),
                summary.records(), summary.tasks(), summary.filtered(), summary.duplicates(), summary.unusableRows(),
                summary.unusable().isEmpty() ? "" : ": " + summary.unusable().entrySet().stream()
                        .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")));
        for (String line : summary.report()) {
            if (line.startsWith("warning: ")) {
                spec.commandLine().getErr().println("trace2train: " + line);
            } else {
                printer.println(line);
            }
        }
        printer.println("rows: " + summary.file());
        if (summary.sidecar() != null) {
            printer.println("trace: " + summary.sidecar());
        }
        if (summary.card() != null) {
            printer.println("card: " + summary.card());
        }
        return Main.OK;
    }
}
