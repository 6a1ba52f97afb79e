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
        subcommands = {BenchCommand.Verify.class, BenchCommand.Run.class, BenchCommand.Jmh.class})
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
