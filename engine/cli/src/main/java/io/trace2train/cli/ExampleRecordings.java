package io.trace2train.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Tasks and recorded answers for the benchmarks that replay them; the shipped IFEval example by default. */
final class ExampleRecordings {

    @Option(names = "--tasks", defaultValue = "examples/ifeval/input_data.jsonl",
            description = "Tasks (default: ${DEFAULT-VALUE}).")
    Path tasks;

    @Option(names = "--responses", defaultValue = "examples/ifeval/responses_gpt4.jsonl",
            description = "Recorded answers (default: ${DEFAULT-VALUE}).")
    Path responses;
}
