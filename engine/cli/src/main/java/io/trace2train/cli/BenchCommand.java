package io.trace2train.cli;

import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.bench.AdversarialVerifierBenchmark;
import io.trace2train.bench.BackendBenchmark;
import io.trace2train.bench.VerifyBenchmark;
import io.trace2train.bench.ifeval.BenchMode;
import io.trace2train.bench.ifeval.BenchProgress;
import io.trace2train.bench.ifeval.BenchResults;
import io.trace2train.bench.ifeval.Datasets;
import io.trace2train.bench.ifeval.IfevalBench;
import io.trace2train.bench.ifeval.IfevalBenchSettings;
import io.trace2train.bench.ifeval.ResultsWriter;
import io.trace2train.bench.ifeval.RunTiming;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Benchmarks that print figures. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks that print figures.",
        subcommands = {BenchCommand.Verify.class, BenchCommand.Run.class, BenchCommand.Agent.class, BenchCommand.Generation.class,
                BenchCommand.Export.class, BenchCommand.Import.class, BenchCommand.Ifeval.class, BenchCommand.Jmh.class,
                BenchCommand.VerifiersAdversarial.class, BenchCommand.Serve.class, BenchForksCommand.class,
                BenchCommand.Spark.class})
final class BenchCommand {

    @ParentCommand
    Main main;

    /** Warm-JVM time to verify a set of responses, strict and loose. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Time verifying responses strict and loose in a warm JVM (defaults: the shipped IFEval "
                    + "prompts and GPT-4 responses; --dataset ifbench: IFBench's test prompts and sample responses).")
    static final class Verify implements Callable<Integer> {

        @ParentCommand
        BenchCommand bench;

        @Spec
        CommandSpec spec;

        @Option(names = "--dataset", defaultValue = Datasets.IFEVAL, paramLabel = Datasets.NAMES,
                description = "The shipped prompts and responses to time: ifeval (input_data.jsonl, GPT-4's"
                        + " responses) or ifbench (IFBench_test.jsonl, sample_output.jsonl) (default:"
                        + " ${DEFAULT-VALUE}).")
        String dataset;

        @Option(names = "--prompts", paramLabel = "PROMPTS.jsonl",
                description = "IFEval or IFBench prompt rows (default: the --dataset's).")
        Path prompts;

        @Option(names = "--responses", paramLabel = "RESPONSES.jsonl",
                description = "Response rows (default: the --dataset's).")
        Path responses;

        @Option(names = "--seconds", defaultValue = "10", description = "Measuring time (default: ${DEFAULT-VALUE}).")
        int seconds;

        @Override
        public Integer call() {
            if (prompts == null && !dataset.equals(Datasets.IFEVAL) && !dataset.equals(Datasets.IFBENCH)) {
                throw new UsageException("--dataset " + dataset + ": give " + Datasets.NAMES
                        + ", or --prompts and --responses");
            }
            VerifyBenchmark.Figures figures = VerifyBenchmark.run(bench.main.engine(),
                    prompts != null ? prompts : Datasets.resolve(dataset),
                    responses != null ? responses : Datasets.shippedResponses(dataset), seconds);
            spec.commandLine().getOut().println(figures.describe());
            return Main.OK;
        }
    }

    /** The reward service under load on loopback, against the in-process rate. */
    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = "Load the reward service on loopback with batches of the shipped IFEval items at several"
                    + " concurrency levels: throughput, p50/p99 latency, and the rate against judging in process.")
    static final class Serve implements Callable<Integer> {

        @ParentCommand
        BenchCommand bench;

        @Spec
        CommandSpec spec;

        @Option(names = "--batches", defaultValue = "1,64,512", split = ",", paramLabel = "N,N",
                description = "Batch sizes (default: ${DEFAULT-VALUE}).")
        int[] batches;

        @Option(names = "--concurrency", defaultValue = "1,4,16", split = ",", paramLabel = "N,N",
                description = "Clients posting at once (default: ${DEFAULT-VALUE}).")
        int[] concurrency;

        @Option(names = "--items", defaultValue = "8192", paramLabel = "N",
                description = "Items judged per configuration (default: ${DEFAULT-VALUE}).")
        int items;

        @Option(names = "--servers", defaultValue = "jdk", split = ",", paramLabel = "jdk,jetty",
                description = "The servers carrying the service, each in turn within each configuration, with their"
                        + " ratio (default: ${DEFAULT-VALUE}; jetty: Jetty 12, for the comparison only).")
        List<String> servers;

        @Override
        public Integer call() throws Exception {
            var report = io.trace2train.bench.serve.ServeLoad.run(bench.main.engine(),
                    Datasets.resolve(Datasets.IFEVAL), Datasets.shippedResponses(Datasets.IFEVAL), batches,
                    concurrency, items, servers);
            spec.commandLine().getOut().print(report.describe());
            spec.commandLine().getOut().flush();
            return Main.OK;
        }
    }

    /** Every built-in check on hostile answers of growing size: time per MB, which stays flat when linear. */
    @Command(name = "verifiers-adversarial", mixinStandardHelpOptions = true,
            description = "Time every built-in check on adversarial answers (whitespace runs, long lines, many "
                    + "lines, many markers) of growing size; prints ms per MB and the ratio largest/smallest.")
    static final class VerifiersAdversarial implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--sizes", split = ",", defaultValue = "100000,1000000,10000000",
                description = "Answer sizes in characters, ascending (default: ${DEFAULT-VALUE}).")
        List<Integer> sizes;

        @Option(names = "--only", defaultValue = "", description = "Only the checks whose id contains this.")
        String only;

        @Override
        public Integer call() {
            AdversarialVerifierBenchmark.run(sizes, only, spec.commandLine().getOut());
            return Main.OK;
        }
    }

    /** The engine's overhead per task with recorded answers: tasks per second and heap. */
    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Time the engine per task with the replay backend (default: the shipped IFEval prompts and"
                    + " GPT-4 answers, 20 repetitions, full_pcl, 2 threads).")
    static final class Run implements Callable<Integer> {

        @ParentCommand
        BenchCommand bench;

        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Mixin
        ExampleRecordings example;

        @Option(names = "--mode", defaultValue = "full_pcl", description = "The mode (default: ${DEFAULT-VALUE}).")
        String mode;

        @Option(names = "--repetitions", defaultValue = "20", description = "Passes over the tasks (default: ${DEFAULT-VALUE}).")
        int repetitions;

        @Option(names = "--threads", defaultValue = "2", description = "Worker threads (default: ${DEFAULT-VALUE}).")
        int threads;

        @Override
        public Integer call() throws Exception {
            io.trace2train.engine.run.Mode parsed;
            try {
                parsed = io.trace2train.engine.run.Mode.parse(mode);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage(), e);
            }
            spec.commandLine().getOut().println(io.trace2train.bench.RunBenchmark.run(bench.main.engine(),
                    example.tasks, example.responses, parsed, repetitions, threads).describe());
            return Main.OK;
        }
    }

    /** Agent-log import: episodes per second with replay and every constraint, heap, database copies. */
    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Time importing a large agent log: the 200 shipped tau-bench episodes x --copies (each"
                    + " copy's task ids renumbered), each replayed in tau-airline with every constraint and the state"
                    + " reward; prints episodes/s, the heap after GC, and what the environments copied.")
    static final class Import implements Callable<Integer> {

        @ParentCommand
        BenchCommand bench;

        @Spec
        CommandSpec spec;

        @Option(names = "--copies", defaultValue = "50", description = "Copies of the 200 episodes (default:"
                + " ${DEFAULT-VALUE}).")
        int copies;

        @Option(names = "--concurrency", defaultValue = "0", paramLabel = "N",
                description = "Episodes imported at once (default: one per core).")
        int concurrency;

        @Option(names = "--work", defaultValue = "target/bench-import", paramLabel = "DIR",
                description = "Where the generated log and the run folder go (default: ${DEFAULT-VALUE}).")
        Path work;

        @Override
        public Integer call() throws Exception {
            if (copies < 1) {
                throw new UsageException("--copies must be at least 1, got " + copies);
            }
            int threads = concurrency > 0 ? concurrency : Math.max(1, Runtime.getRuntime().availableProcessors());
            spec.commandLine().getOut().println(io.trace2train.bench.ImportBenchmark.run(bench.main.engine(), work,
                    copies, threads).describe());
            return Main.OK;
        }
    }

    /** The agent loop's own cost per step with a zero-latency model, and episodes/s of a rollout. */
    @Command(name = "agent", mixinStandardHelpOptions = true,
            description = {"Time the agent loop on τ-bench airline (examples/tau-bench/airline/tasks.jsonl) with a"
                    + " zero-latency model replaying each task's recorded GPT-4o episode (the user simulator too):"
                    + " the engine's overhead per agent step beside the environment's own work, and episodes/s for"
                    + " 4 forks x 50 tasks."})
    static final class Agent implements Callable<Integer> {

        @ParentCommand
        BenchCommand bench;

        @Spec
        CommandSpec spec;

        @Option(names = "--repetitions", defaultValue = "10", description = "Direct runs of the 50 tasks timed"
                + " (default: ${DEFAULT-VALUE}).")
        int repetitions;

        @Option(names = "--concurrency", defaultValue = "2", paramLabel = "N",
                description = "Episodes at once (default: ${DEFAULT-VALUE}).")
        int concurrency;

        @Option(names = "--work", defaultValue = "target/bench-agent", paramLabel = "DIR",
                description = "Where the run folders go (default: ${DEFAULT-VALUE}).")
        Path work;

        @Override
        public Integer call() throws Exception {
            if (repetitions < 1 || concurrency < 1) {
                throw new UsageException("--repetitions and --concurrency must be at least 1");
            }
            spec.commandLine().getOut().println(io.trace2train.bench.AgentBenchmark.run(bench.main.engine(), work,
                    repetitions, concurrency).describe());
            return Main.OK;
        }
    }

    /** Local generation speed against the memory-bandwidth bound, and Jlama against llama.cpp on the same weights. */
    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = {"Time local generation: a chat prompt of about 190 tokens, greedy, timed per token inside"
                    + " each generation (first token, decode tokens/s), best and median over interleaved"
                    + " repetitions, against the bound memory bandwidth sets. With --shape, first writes a model of"
                    + " that config's shape with random weights (e.g. examples/models/qwen2.5-0.5b-instruct-shape,"
                    + " about 1 GB in BF16). With --compare, also runs llama.cpp (the llamacpp backend) on a GGUF"
                    + " file of the same weights, interleaved, and prints the ratios. Each engine (and each --variant)"
                    + " runs in its own process, whose peak resident set is reported beside its weights' size; a"
                    + " Markdown table of the figures ends the output."})
    static final class Generation implements Callable<Integer> {

        @ParentCommand
        BenchCommand bench;

        @Spec
        CommandSpec spec;

        @Option(names = "--model-dir", paramLabel = "DIR", description = "A model folder to time.")
        Path modelDir;

        @Option(names = "--shape", paramLabel = "DIR", description = "Write a random-weight model of this shape.")
        Path shape;

        @Option(names = "--weights", defaultValue = "BF16", description = "F32 or BF16 for --shape (default: ${DEFAULT-VALUE}).")
        String weights;

        @Option(names = "--work", defaultValue = "target/bench-models", paramLabel = "DIR",
                description = "Where --shape, --quantize and --compare write models (default: ${DEFAULT-VALUE}).")
        Path work;

        @Option(names = "--quantize", paramLabel = "TYPE",
                description = "Time the model quantised (jlama: this type, e.g. Q4; llama.cpp: Q4_0) instead of as is.")
        String quantize;

        @Option(names = "--compare", description = "Also time llama.cpp on the same weights (F16, or Q4_0 with"
                + " --quantize) and print Jlama's figures as ratios of llama.cpp's.")
        boolean compare;

        @Option(names = "--tokens", defaultValue = "32", description = "Tokens to decode (default: ${DEFAULT-VALUE}).")
        int tokens;

        @Option(names = "--variant", paramLabel = "NAME:KEY=VALUE[,KEY=VALUE...]",
                description = "Also time Jlama with these backend options, in its own process (repeatable), e.g."
                        + " native:native=true, i8:activation-type=I8, 1-thread:threads=1; an item starting with -"
                        + " is an option of its JVM (young:-XX:MaxNewSize=64m).")
        List<String> variants = new ArrayList<>();

        @Option(names = "--threads", paramLabel = "N",
                description = "Threads of every engine (default: each engine's own; Jlama: half the processors, at"
                        + " least 2; llama.cpp: the processors).")
        Integer threads;

        @Option(names = "--jfr", paramLabel = "DIR",
                description = "Record each engine's process with Java Flight Recorder into DIR/LABEL.jfr.")
        Path jfr;

        @Option(names = "--repetitions", defaultValue = "5",
                description = "Timed generations of each model, interleaved (default: ${DEFAULT-VALUE}).")
        int repetitions;

        @Option(names = "--forks", defaultValue = "4",
                description = "Also time this many Jlama forks of a long prompt against as many independent"
                        + " generations (0: skip; default: ${DEFAULT-VALUE}).")
        int forks;

        @Option(names = "--fork-prompt-words", defaultValue = "150",
                description = "Words of the forks' prompt (about 200 tokens; default: ${DEFAULT-VALUE}).")
        int forkPromptWords;

        @Override
        public Integer call() throws Exception {
            Path model = modelDir;
            if (shape != null) {
                model = BenchForksCommand.shapeModel(shape, weights, work);
            }
            if (model == null) {
                throw new UsageException("give --model-dir or --shape");
            }
            if (repetitions < 1 || tokens < 2) {
                throw new UsageException("--repetitions must be at least 1 and --tokens at least 2");
            }
            var out = spec.commandLine().getOut();
            var engine = bench.main.engine();
            Path jlamaModel = model;
            if (quantize != null) {
                jlamaModel = work.resolve(model.getFileName() + "-" + quantize.toLowerCase(java.util.Locale.ROOT));
                if (!java.nio.file.Files.isRegularFile(jlamaModel.resolve("model.safetensors"))) {
                    engine.backends().quantizer("jlama").quantize(model, quantize, jlamaModel);
                }
            }
            Map<String, String> common = threads == null ? Map.of() : Map.of("threads", String.valueOf(threads));
            List<BackendBenchmark.Subject> subjects = new ArrayList<>();
            subjects.add(jlamaSubject("jlama " + jlamaModel.getFileName(), jlamaModel, common, List.of()));
            for (String variant : variants) {
                int colon = variant.indexOf(':');
                if (colon < 1) {
                    throw new UsageException("--variant " + variant + ": expected NAME:KEY=VALUE[,KEY=VALUE...]");
                }
                Map<String, String> options = new java.util.LinkedHashMap<>(common);
                List<String> jvmOptions = new ArrayList<>();
                for (String pair : variant.substring(colon + 1).split(",")) {
                    if (pair.startsWith("-")) {
                        jvmOptions.add(pair); // an option of the variant's JVM, e.g. -XX:MaxNewSize=64m
                        continue;
                    }
                    int equals = pair.indexOf('=');
                    if (equals < 1) {
                        throw new UsageException("--variant " + variant + ": '" + pair + "' is not KEY=VALUE");
                    }
                    options.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
                }
                subjects.add(jlamaSubject("jlama " + variant.substring(0, colon), jlamaModel, options, jvmOptions));
            }
            if (compare) {
                String type = quantize != null ? "Q4_0" : "F16";
                Path gguf = work.resolve(model.getFileName() + "-" + type.toLowerCase(java.util.Locale.ROOT) + ".gguf");
                if (!java.nio.file.Files.isRegularFile(gguf)) {
                    engine.backends().quantizer("llamacpp").quantize(model, type, gguf);
                }
                Map<String, String> options = new java.util.HashMap<>(common);
                options.put("model", gguf.toString());
                subjects.add(new BackendBenchmark.Subject("llama.cpp " + gguf.getFileName(), "llamacpp", options,
                        BackendBenchmark.weightBytes(gguf)));
            }
            boolean raw = !hasChatTemplate(model);
            var figures = BackendBenchmark.run(subjects, repetitions, tokens, raw, java.util.Optional.ofNullable(jfr));
            figures.forEach(f -> out.println(f.describe()));
            var reference = figures.getLast();
            if (compare) {
                figures.subList(0, figures.size() - 1).forEach(f -> out.println(BackendBenchmark.ratios(f, reference)));
            }
            // a lever that changes the greedy tokens is a different computation, not a speed-up
            figures.subList(1, figures.size() - (compare ? 1 : 0)).forEach(f -> out.println(f.subject().label()
                    + (f.textDigest().equals(figures.getFirst().textDigest()) ? " gives the same greedy text as "
                            : " gives another greedy text than ") + figures.getFirst().subject().label()));
            out.println();
            out.print(BackendBenchmark.table(figures, compare ? reference : figures.getFirst()));
            out.flush(); // print, unlike println, does not flush
            if (forks > 0) {
                out.println(BackendBenchmark.forks(engine, model, java.util.Map.of("raw", "true"), forkPromptWords,
                        forks, tokens));
            }
            return Main.OK;
        }

        private static BackendBenchmark.Subject jlamaSubject(String label, Path model, Map<String, String> options,
                List<String> jvmOptions) throws java.io.IOException {
            Map<String, String> all = new java.util.LinkedHashMap<>(options);
            all.put("model-dir", model.toString());
            return new BackendBenchmark.Subject(label, "jlama", all, BackendBenchmark.weightBytes(model), jvmOptions);
        }

        /** A base model (no chat template) is timed on the prompt's text as is. */
        private static boolean hasChatTemplate(Path model) throws java.io.IOException {
            Path config = model.resolve("tokenizer_config.json");
            return java.nio.file.Files.isRegularFile(config)
                    && new com.fasterxml.jackson.databind.ObjectMapper().readTree(config.toFile()).hasNonNull(
                            "chat_template");
        }
    }

    /** Export throughput and heap on a large generated run. */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Time exporting a large rollout (generated once from real records into --work) in each"
                    + " format: rows/s, records/s and peak heap. Run with TRACE2TRAIN_JAVA_OPTS=-Xmx256m to hold it"
                    + " to the target heap."})
    static final class Export implements Callable<Integer> {

        @ParentCommand
        BenchCommand bench;

        @Spec
        CommandSpec spec;

        @Option(names = "--records", defaultValue = "1000000", description = "Records in the run (default: ${DEFAULT-VALUE}).")
        long records;

        @Option(names = "--forks", defaultValue = "4", description = "Forks per task (default: ${DEFAULT-VALUE}).")
        int forks;

        @Option(names = "--formats", defaultValue = "sft,dpo,kto,rewards", split = ",",
                description = "Formats to time (default: ${DEFAULT-VALUE}).")
        List<String> formats;

        @Option(names = "--work", defaultValue = "target/bench-export", paramLabel = "DIR",
                description = "Where the generated run is kept between runs (default: ${DEFAULT-VALUE}).")
        Path work;

        @picocli.CommandLine.Mixin
        ExampleRecordings example;

        @Override
        public Integer call() throws Exception {
            for (var figures : io.trace2train.bench.ExportBenchmark.run(bench.main.engine(), example.tasks,
                    example.responses, work,
                    records, forks, formats)) {
                spec.commandLine().getOut().println(figures.describe());
            }
            return Main.OK;
        }
    }

    /** The Spark jobs against the single-machine commands: {@link io.trace2train.bench.SparkBenchmark}. */
    @Command(name = "spark", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Time export and verify as Spark jobs in each local master (child processes through the"
                    + " spark-submit wrapper) against the single-machine commands on the same input, alternating,"
                    + " and print a Markdown table: records/s and rows/s, the ratio to the single machine and between"
                    + " masters, each Spark job's start-up, whether the outputs are equal, and the job jar's size."})
    static final class Spark implements Callable<Integer> {

        @ParentCommand
        BenchCommand bench;

        @Spec
        CommandSpec spec;

        @Option(names = "--records", defaultValue = "1000000", description = "Records in the exported run (default: ${DEFAULT-VALUE}).")
        long records;

        @Option(names = "--forks", defaultValue = "4", description = "Forks per task (default: ${DEFAULT-VALUE}).")
        int forks;

        @Option(names = "--formats", defaultValue = "sft,kto", split = ",",
                description = "Export formats (default: ${DEFAULT-VALUE}).")
        List<String> formats;

        @Option(names = "--verify-rows", description = "Prompt rows of the verify input (default: records / 20).")
        Integer verifyRows;

        @Option(names = "--jobs", defaultValue = "export,verify", split = ",",
                description = "export, verify (default: ${DEFAULT-VALUE}).")
        List<String> jobs;

        @Option(names = "--masters", defaultValue = "local[1],local[2]", split = ",",
                description = "Spark masters (default: ${DEFAULT-VALUE}).")
        List<String> masters;

        @Option(names = "--rounds", defaultValue = "1", description = "Alternating rounds; the fastest counts"
                + " (default: ${DEFAULT-VALUE}).")
        int rounds;

        @Option(names = "--work", defaultValue = "target/bench-spark", paramLabel = "DIR",
                description = "Where the generated inputs are kept between runs (default: ${DEFAULT-VALUE}).")
        Path work;

        @picocli.CommandLine.Mixin
        ExampleRecordings example;

        @Override
        public Integer call() throws Exception {
            Path root = Path.of(System.getProperty("trace2train.home", ".")).toAbsolutePath().normalize();
            int rows = verifyRows != null ? verifyRows : (int) Math.max(1, Math.min(Integer.MAX_VALUE, records / 20));
            var settings = new io.trace2train.bench.SparkBenchmark.Settings(root, example.tasks, example.responses,
                    records, forks, formats, rows, jobs, masters, rounds);
            PrintWriter out = spec.commandLine().getOut();
            out.print(io.trace2train.bench.SparkBenchmark.run(bench.main.engine(), settings, work,
                    spec.commandLine().getErr()).markdown());
            out.flush();
            return Main.OK;
        }
    }

    /** IFEval pass rates of each mode over seeds, with intervals and paired tests: {@link IfevalBench}. */
    @Command(name = "ifeval", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Run IFEval prompts in every mode on every seed with any backend, judge every final output"
                    + " strictly and loosely, and write OUT/results.json, OUT/results.md and OUT/chart.svg: per mode"
                    + " the prompt- and instruction-level pass rates (mean and sd over seeds), a 95%% CI, an exact"
                    + " McNemar test against direct, per-instruction rates, model calls, tokens, and wall time split"
                    + " into model time and overhead. Every mode x seed is a resumable run folder under OUT/runs/; a"
                    + " killed benchmark continues with --resume."})
    static final class Ifeval implements Callable<Integer> {

        @ParentCommand
        BenchCommand bench;

        @Spec
        CommandSpec spec;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "The benchmark's folder.")
        Path out;

        @Option(names = "--resume", description = "Continue the benchmark in --out, started with the same options.")
        boolean resume;

        @Option(names = "--modes", defaultValue = "direct,prompt_retry,full_pcl", paramLabel = "MODE,...",
                description = "direct, prompt_retry, full_pcl, rollouts:N (best of N forks) (default: ${DEFAULT-VALUE}).")
        String modes;

        @Option(names = "--seeds", defaultValue = "3", description = "Run seeds: --seed, --seed + 1, ... (default:"
                + " ${DEFAULT-VALUE}).")
        int seeds;

        @Option(names = "--seed", defaultValue = "42", description = "The first run seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--limit", defaultValue = "50", description = "Prompts in the sample; 0 for all (default:"
                + " ${DEFAULT-VALUE}).")
        int limit;

        @Option(names = "--sample-seed", defaultValue = "42", description = "The seed the sample is drawn with"
                + " (default: ${DEFAULT-VALUE}).")
        long sampleSeed;

        @Option(names = "--dataset", defaultValue = Datasets.IFEVAL, paramLabel = Datasets.NAMES + "|PATH",
                description = "ifeval (the shipped examples/ifeval/input_data.jsonl), ifbench (the shipped"
                        + " examples/ifbench/IFBench_test.jsonl) or a prompts file of either (default:"
                        + " ${DEFAULT-VALUE}).")
        String dataset;

        @Mixin
        BackendOptions backendOptions;

        @Mixin
        SamplingOptions sampling;

        @Override
        public Integer call() throws Exception {
            Map<String, String> options = backendOptions.merged(true);
            IfevalBenchSettings settings = new IfevalBenchSettings(dataset, limit, sampleSeed,
                    BenchMode.parseList(modes), seeds, backendOptions.backend("replay"), options,
                    sampling.generation(seed),
                    sampling.retries, sampling.rounds, sampling.concurrency);
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            BenchResults results;
            try (BarProgress progress = new BarProgress()) {
                results = IfevalBench.run(bench.main.engine(), settings, this.out, resume,
                        progress, err);
            }
            BenchResults.Session session = results.session();
            out.printf(Locale.ROOT, "bench ifeval: %d units run now, %d already done%n", session.unitsRun(),
                    session.unitsSkipped());
            out.print(ResultsWriter.table(results));
            RunTiming runs = results.runTime();
            out.printf(Locale.ROOT, "time: runs %.1f s wall = model %.1f s (%.1f%%) + overhead %.1f s (%.1f%%);"
                            + " this session %.1f s, setup %.1f s%n", runs.wallNanos() / 1e9, runs.modelNanos() / 1e9,
                    share(runs.modelNanos(), runs.wallNanos()), runs.overheadNanos() / 1e9,
                    share(runs.overheadNanos(), runs.wallNanos()), session.wallNanos() / 1e9,
                    session.setupNanos() / 1e9);
            out.println("results: " + this.out.resolve(ResultsWriter.JSON) + ", " + ResultsWriter.MARKDOWN + ", "
                    + ResultsWriter.CHART);
            results.crashed().forEach(c -> err.println("trace2train: crashed: " + c));
            if (results.strictDisagreements() > 0) {
                err.println("trace2train: " + results.strictDisagreements() + " records' passed differs from the"
                        + " strict judgement of their output (a bug; see strict_disagreements in results.json)");
            }
            if (results.everyPromptErrored()) {
                err.println("trace2train: every prompt ended in an error (see the records' error field under "
                        + this.out.resolve("runs") + "): the figures say nothing about the model");
            }
            return results.crashed().isEmpty() && results.strictDisagreements() == 0 && !results.everyPromptErrored()
                    ? Main.OK : Main.WORK_FAILED;
        }

        private static double share(long part, long whole) {
            return whole == 0 ? 0 : 100.0 * part / whole;
        }
    }

    /** One progress bar over every mode and seed, with the current run's pass rate. */
    private static final class BarProgress implements BenchProgress, AutoCloseable {

        private me.tongfei.progressbar.ProgressBar bar;
        private String run = "";
        private int done;
        private int passed;

        @Override
        public void start(long units, long alreadyDone) {
            bar = ProgressBars.open("units", units, alreadyDone);
        }

        @Override
        public synchronized void alreadyDone(long units) {
            bar.stepBy(units);
        }

        @Override
        public synchronized void finished(String runName, ComplianceRecord record) {
            if (!runName.equals(run)) {
                run = runName;
                done = 0;
                passed = 0;
            }
            done++;
            passed += record.passed() ? 1 : 0;
            bar.step();
            bar.setExtraMessage(String.format(Locale.ROOT, "%s pass %.1f%%", run, 100.0 * passed / done));
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
            }
        }
    }

    /** Hands over to JMH's own runner, e.g. {@code bench jmh VerifyJmh -f 1 -wi 3 -i 5}. */
    @Command(name = "jmh",
            description = "Run the JMH benchmarks; every argument goes to JMH (e.g. 'VerifyJmh -f 1', '-l' to list,"
                    + " '-h' for JMH's help).")
    static final class Jmh implements Callable<Integer> {

        @Unmatched
        List<String> arguments = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            org.openjdk.jmh.Main.main(arguments.toArray(String[]::new));
            return Main.OK;
        }
    }
}
