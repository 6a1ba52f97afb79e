package io.trace2train.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The job jar's entry point: {@code spark-submit --class io.trace2train.spark.SparkJobs trace2train-spark-job.jar
 * JOB ARGS}, the master and resources given to {@code spark-submit} as for any job.
 *
 * <pre>
 * verify --prompts FILE --responses FILE --output DIR [--partitions N] [--overwrite] [--config FILE] [--plugins DIR]
 * export --format F [--flavor F] [--option K=V]... [--pass-only] [--min-reward X] [--max-per-task N] [--no-dedupe]
 *        --output DIR [--file NAME] [--output-format jsonl|parquet] [--validation-share X] [--split-seed N]
 *        [--overwrite] [--config FILE] [--plugins DIR] RUN_FOLDER...
 * score [--constraints FILE] [--add-constraint ID[:ARGS]]... [--reward NAME] --output DIR [--overwrite] RUN_FOLDER...
 * dedup [--on prompt|completion|both] [--threshold J] [--num-hash-tables N] [--seed S] [--shingle W] --output DIR
 *        [--partitions N] [--overwrite] TRAINING_FILE_OR_FOLDER...
 * decontaminate [--benchmarks ifeval,ifbench,tau-airline] [--benchmark-file FILE]... [--ngram N] [--min-overlap K]
 *        --output DIR [--partitions N] [--overwrite] TRAINING_FILE_OR_FOLDER...
 * </pre>
 */
public final class SparkJobs {

    static final String USAGE = """
            usage: SparkJobs verify --prompts FILE --responses FILE --output DIR [--partitions N] [--overwrite]
                                    [--config FILE] [--plugins DIR]
                   SparkJobs export --format sft|dpo|kto|rewards [--flavor F] [--option K=V]... [--pass-only]
                                    [--min-reward X] [--max-per-task N] [--no-dedupe] --output DIR [--file NAME]
                                    [--output-format jsonl|parquet] [--validation-share X] [--split-seed N]
                                    [--overwrite] [--config FILE] [--plugins DIR] RUN_FOLDER...
                   SparkJobs score [--constraints FILE] [--add-constraint ID[:ARGS]]... [--reward NAME]
                                   --output DIR [--overwrite] [--config FILE] [--plugins DIR] RUN_FOLDER...
                   SparkJobs dedup [--on prompt|completion|both] [--threshold J] [--num-hash-tables N] [--seed S]
                                   [--shingle W] --output DIR [--partitions N] [--overwrite] TRAINING_FILE...
                   SparkJobs decontaminate [--benchmarks ifeval,ifbench,tau-airline] [--benchmark-file FILE]...
                                   [--ngram N] [--min-overlap K] --output DIR [--partitions N] [--overwrite]
                                   TRAINING_FILE...""";

    private SparkJobs() {
    }

    public static void main(String[] args) throws IOException {
        int status;
        try (SparkSession spark = SparkSession.builder().appName("trace2train " + String.join(" ", args))
                .getOrCreate()) {
            spark.sparkContext().addSparkListener(new StartupLog(System.err));
            status = run(spark, args, System.out, System.err);
        }
        System.exit(status);
    }

    /** Runs one job; returns the exit status (0 done, 1 bad input, 2 bad usage). */
    static int run(SparkSession spark, String[] args, PrintStream out, PrintStream err) throws IOException {
        if (args.length == 0) {
            err.println(USAGE);
            return 2;
        }
        Arguments parsed;
        try {
            parsed = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        try {
            switch (args[0]) {
                case "verify" -> {
                    VerifyJob.Result result = VerifyJob.run(spark, new VerifyJob.Options(parsed.settings(),
                            parsed.required("prompts"), parsed.required("responses"), parsed.required("output"),
                            parsed.flag("overwrite"), Integer.parseInt(parsed.value("partitions", "0"))));
                    result.reports().forEach((strictness, report) -> out.println(strictness.label()
                            + ": prompt-level " + report.promptLevel() + ", instruction-level "
                            + report.instructionLevel()));
                    out.println(result.prompts() + " prompts, " + result.missing() + " without a response, "
                            + result.errors().size() + " checks failed; wrote " + result.output());
                }
                case "export" -> {
                    if (parsed.positional().isEmpty()) {
                        throw new IllegalArgumentException("export: give at least one run folder");
                    }
                    String format = parsed.required("format");
                    String minReward = parsed.value("min-reward", null);
                    String outputFormat = parsed.value("output-format", "jsonl");
                    if (!List.of("jsonl", "parquet").contains(outputFormat)) {
                        throw new IllegalArgumentException("--output-format: jsonl or parquet, got '" + outputFormat
                                + "'");
                    }
                    var result = ExportJob.run(spark, new ExportJob.Options(parsed.settings(), parsed.positional(),
                            format, parsed.value("flavor", null), parsed.options(), parsed.flag("pass-only"),
                            minReward == null ? null : Double.valueOf(minReward),
                            Integer.parseInt(parsed.value("max-per-task", "0")), !parsed.flag("no-dedupe"),
                            parsed.required("output"), parsed.value("file", format + ".jsonl"),
                            parsed.flag("overwrite"), outputFormat.equals("parquet"),
                            Double.parseDouble(parsed.value("validation-share", "0")),
                            Long.parseLong(parsed.value("split-seed", "0"))));
                    var summary = result.summary();
                    out.println(summary.rows() + " rows (" + result.format() + ", " + result.flavor() + ") from "
                            + summary.records() + " records of " + summary.tasks() + " tasks; " + summary.filtered()
                            + " filtered, " + summary.duplicates() + " duplicates, " + summary.unusableRows()
                            + " unusable; wrote " + parsed.required("output"));
                    summary.report().forEach(out::println);
                }
                case "score" -> {
                    if (parsed.positional().isEmpty()) {
                        throw new IllegalArgumentException("score: give at least one run folder");
                    }
                    var result = ScoreJob.run(spark, new ScoreJob.Options(parsed.settings(), parsed.positional(),
                            parsed.value("constraints", null), parsed.named().getOrDefault("add-constraint",
                                    List.of()), parsed.value("reward", null), parsed.required("output"),
                            parsed.flag("overwrite")));
                    out.println(result.records() + " records judged again: " + result.passed() + " pass ("
                            + result.passedBefore() + " before), " + result.changed() + " changed; run "
                            + result.runId() + " in " + result.folder());
                }
                case "dedup" -> out.println(ScreeningJobs.dedup(spark, parsed));
                case "decontaminate" -> out.println(ScreeningJobs.decontaminate(spark, parsed));
                default -> throw new IllegalArgumentException("unknown job '" + args[0] + "'");
            }
            return 0;
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (BadRowsException e) {
            err.println(e.getMessage());
            return 1;
        } catch (io.trace2train.engine.io.BadInputException e) {
            // a setting the engine refused (an unknown format or reward: bad usage), or a bad input file's rows
            err.println(e.getMessage());
            return e.problems().isEmpty() ? 2 : 1;
        }
    }

    /** {@code --name value}, {@code --flag} and positional arguments after the job's name. */
    record Arguments(Map<String, List<String>> named, List<String> positional) {

        private static final List<String> FLAGS = List.of("overwrite", "pass-only", "no-dedupe");

        static Arguments parse(String[] args) {
            Map<String, List<String>> named = new LinkedHashMap<>();
            List<String> positional = new ArrayList<>();
            for (int i = 1; i < args.length; i++) {
                if (args[i].startsWith("--")) {
                    String name = args[i].substring(2);
                    if (FLAGS.contains(name)) {
                        named.computeIfAbsent(name, n -> new ArrayList<>()).add("true");
                    } else if (i + 1 < args.length) {
                        named.computeIfAbsent(name, n -> new ArrayList<>()).add(args[++i]);
                    } else {
                        throw new IllegalArgumentException("--" + name + " needs a value");
                    }
                } else {
                    positional.add(args[i]);
                }
            }
            return new Arguments(named, positional);
        }

        String value(String name, String fallback) {
            List<String> values = named.get(name);
            return values == null ? fallback : values.getLast();
        }

        String required(String name) {
            String value = value(name, null);
            if (value == null) {
                throw new IllegalArgumentException("--" + name + " is required");
            }
            return value;
        }

        boolean flag(String name) {
            return named.containsKey(name);
        }

        Map<String, String> options() {
            Map<String, String> options = new LinkedHashMap<>();
            for (String option : named.getOrDefault("option", List.of())) {
                int eq = option.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("--option takes KEY=VALUE, got '" + option + "'");
                }
                options.put(option.substring(0, eq), option.substring(eq + 1));
            }
            return options;
        }

        EngineSettings settings() {
            return new EngineSettings(value("config", null), value("plugins", null));
        }
    }
}
