package io.trace2train.cli;

import io.trace2train.bench.VerifyBenchmark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Benchmarks that print figures. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks that print figures.",
        subcommands = {BenchCommand.Verify.class, BenchCommand.Run.class, BenchCommand.Generation.class,
                BenchCommand.Export.class, BenchCommand.Jmh.class})
final class BenchCommand {

    @ParentCommand
    Main main;

    /** Warm-JVM time to verify a set of responses, strict and loose. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Time verifying responses strict and loose in a warm JVM (defaults: the shipped IFEval "
                    + "prompts and GPT-4 responses).")
    static final class Verify implements Callable<Integer> {

        @ParentCommand
        BenchCommand bench;

        @Spec
        CommandSpec spec;

        @Option(names = "--prompts", paramLabel = "PROMPTS.jsonl", defaultValue = "examples/ifeval/input_data.jsonl",
                description = "IFEval prompt rows (default: ${DEFAULT-VALUE}).")
        Path prompts;

        @Option(names = "--responses", paramLabel = "RESPONSES.jsonl",
                defaultValue = "examples/ifeval/responses_gpt4.jsonl",
                description = "Response rows (default: ${DEFAULT-VALUE}).")
        Path responses;

        @Option(names = "--seconds", defaultValue = "10", description = "Measuring time (default: ${DEFAULT-VALUE}).")
        int seconds;

        @Override
        public Integer call() {
            VerifyBenchmark.Figures figures =
                    VerifyBenchmark.run(bench.main.engine(), prompts, responses, seconds);
            spec.commandLine().getOut().println(figures.describe());
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

        @Option(names = "--tasks", defaultValue = "examples/ifeval/input_data.jsonl",
                description = "Tasks (default: ${DEFAULT-VALUE}).")
        Path tasks;

        @Option(names = "--responses", defaultValue = "examples/ifeval/responses_gpt4.jsonl",
                description = "Recorded answers (default: ${DEFAULT-VALUE}).")
        Path responses;

        @Option(names = "--mode", defaultValue = "full_pcl", description = "The mode (default: ${DEFAULT-VALUE}).")
        String mode;

        @Option(names = "--repetitions", defaultValue = "20", description = "Passes over the tasks (default: ${DEFAULT-VALUE}).")
        int repetitions;

        @Option(names = "--threads", defaultValue = "2", description = "Worker threads (default: ${DEFAULT-VALUE}).")
        int threads;

        @Override
        public Integer call() throws Exception {
            spec.commandLine().getOut().println(io.trace2train.bench.RunBenchmark.run(bench.main.engine(), tasks,
                    responses, io.trace2train.engine.run.Mode.parse(mode), repetitions, threads).describe());
            return Main.OK;
        }
    }

    /** Local generation speed against the memory-bandwidth bound. */
    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = {"Time local generation (jlama): time to first token, decode tokens/s, peak RSS, and the"
                    + " bound memory bandwidth sets. With --shape, first writes a model of that config's shape with"
                    + " random weights (e.g. ../shared/models/qwen2.5-0.5b-instruct-shape, about 1 GB in BF16)."})
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
                description = "Where --shape writes its model (default: ${DEFAULT-VALUE}).")
        Path work;

        @Option(names = "--quantize", paramLabel = "TYPE", description = "Also time the model quantised (e.g. Q4).")
        String quantize;

        @Option(names = "--tokens", defaultValue = "32", description = "Tokens to decode (default: ${DEFAULT-VALUE}).")
        int tokens;

        @Option(names = "--prompt", defaultValue = "Once upon a time", description = "The prompt (raw text).")
        String prompt;

        @Option(names = "--forks", defaultValue = "4",
                description = "Also time this many forks of a long prompt against as many independent generations"
                        + " (0: skip; default: ${DEFAULT-VALUE}).")
        int forks;

        @Option(names = "--fork-prompt-words", defaultValue = "150",
                description = "Words of the forks' prompt (about 200 tokens; default: ${DEFAULT-VALUE}).")
        int forkPromptWords;

        @Override
        public Integer call() throws Exception {
            Path model = modelDir;
            if (shape != null) {
                model = work.resolve(shape.getFileName() + "-" + weights.toLowerCase(java.util.Locale.ROOT));
                if (!java.nio.file.Files.isRegularFile(model.resolve("model.safetensors"))) {
                    io.trace2train.backends.jlama.RandomModelWriter.write(shape, java.util.Map.of(),
                            io.trace2train.backends.jlama.RandomModelWriter.WeightType.valueOf(weights), 42, model);
                }
            }
            if (model == null) {
                throw new IllegalArgumentException("give --model-dir or --shape");
            }
            var out = spec.commandLine().getOut();
            var engine = bench.main.engine();
            out.println(io.trace2train.bench.BackendBenchmark.run(engine, model, java.util.Map.of("raw", "true"),
                    prompt, tokens).describe());
            if (forks > 0) {
                out.println(io.trace2train.bench.BackendBenchmark.forks(engine, model, java.util.Map.of("raw", "true"),
                        forkPromptWords, forks, tokens));
            }
            if (quantize != null) {
                Path quantized = work.resolve(model.getFileName() + "-" + quantize.toLowerCase(java.util.Locale.ROOT));
                if (!java.nio.file.Files.isRegularFile(quantized.resolve("model.safetensors"))) {
                    io.trace2train.backends.jlama.JlamaQuantizer.quantize(model, quantize, quantized);
                }
                out.println(io.trace2train.bench.BackendBenchmark.run(engine, quantized,
                        java.util.Map.of("raw", "true"), prompt, tokens).describe());
            }
            return Main.OK;
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

        @Option(names = "--tasks", defaultValue = "examples/ifeval/input_data.jsonl",
                description = "Tasks the records come from (default: ${DEFAULT-VALUE}).")
        Path tasks;

        @Option(names = "--responses", defaultValue = "examples/ifeval/responses_gpt4.jsonl",
                description = "Recorded answers (default: ${DEFAULT-VALUE}).")
        Path responses;

        @Override
        public Integer call() throws Exception {
            for (var figures : io.trace2train.bench.ExportBenchmark.run(bench.main.engine(), tasks, responses, work,
                    records, forks, formats)) {
                spec.commandLine().getOut().println(figures.describe());
            }
            return Main.OK;
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
