package io.trace2train.cli;

import io.trace2train.backends.jlama.RandomModelWriter;
import io.trace2train.bench.ForkRolloutBenchmark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** A rollout's forks, whose first answers share the prompt's computation, against as many plain runs of the task. */
@Command(name = "forks", mixinStandardHelpOptions = true,
        description = {"Time an N-fork rollout of one task (the ~190-token chat prompt of bench generate) against N"
                + " plain runs of it with the forks' seeds, on one local model loaded once, alternating, and print"
                + " the ratio. With --shape, first writes a model of that config's shape with random weights (e.g."
                + " examples/models/qwen2.5-0.5b-instruct-shape)."})
final class BenchForksCommand implements Callable<Integer> {

    @ParentCommand
    BenchCommand bench;

    @Spec
    CommandSpec spec;

    @Option(names = "--model-dir", paramLabel = "DIR", description = "A model folder with a chat template.")
    Path modelDir;

    @Option(names = "--shape", paramLabel = "DIR", description = "Write a random-weight model of this shape.")
    Path shape;

    @Option(names = "--weights", defaultValue = "BF16",
            description = "F32 or BF16 for --shape (default: ${DEFAULT-VALUE}).")
    String weights;

    @Option(names = "--work", defaultValue = "target/bench-models", paramLabel = "DIR",
            description = "Where --shape writes the model and the runs go (default: ${DEFAULT-VALUE}).")
    Path work;

    @Option(names = "--forks", defaultValue = "4", description = "Forks of the task (default: ${DEFAULT-VALUE}).")
    int forks;

    @Option(names = "--tokens", defaultValue = "8", description = "Tokens a fork generates (default: ${DEFAULT-VALUE}).")
    int tokens;

    @Option(names = "--repetitions", defaultValue = "3",
            description = "Timed rollouts and as many timed sets of plain runs, alternating (default: ${DEFAULT-VALUE}).")
    int repetitions;

    @Override
    public Integer call() throws Exception {
        Path model = modelDir;
        if (shape != null) {
            model = shapeModel(shape, weights, work);
        }
        if (model == null) {
            throw new UsageException("give --model-dir or --shape");
        }
        if (forks < 2 || tokens < 1 || repetitions < 1) {
            throw new UsageException("--forks must be at least 2, --tokens and --repetitions at least 1");
        }
        spec.commandLine().getOut().println(ForkRolloutBenchmark.run(bench.main.engine(), model,
                work.resolve("forks-runs"), forks, tokens, repetitions).describe());
        return Main.OK;
    }

    /** The random-weight model of {@code shape} under {@code work}, written on first use. */
    static Path shapeModel(Path shape, String weights, Path work) throws IOException {
        Path model = work.resolve(shape.getFileName() + "-" + weights.toLowerCase(Locale.ROOT));
        if (!Files.isRegularFile(model.resolve("model.safetensors"))) {
            RandomModelWriter.write(shape, Map.of(), RandomModelWriter.WeightType.valueOf(weights), 42, model);
        }
        return model;
    }
}
