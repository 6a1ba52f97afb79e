package io.trace2train.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Writes a pre-quantised copy of a model folder for the jlama backend. */
@Command(name = "quantize", mixinStandardHelpOptions = true,
        description = "Write a quantised copy of a Hugging Face model folder (safetensors) for the jlama backend.")
final class QuantizeCommand implements Callable<Integer> {

    /** The backend whose models it quantises. */
    private static final String BACKEND = "jlama";

    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    @Option(names = "--model-dir", required = true, paramLabel = "DIR", description = "The model folder.")
    Path modelDir;

    @Option(names = "--dtype", defaultValue = "Q4", description = "Q4, Q5, I8, F16 or BF16 (default: ${DEFAULT-VALUE}).")
    String dtype;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "A new folder for the result.")
    Path out;

    @Override
    public Integer call() throws IOException {
        long before = weightBytes(modelDir);
        Path result;
        try {
            result = main.engine().backends().quantizer(BACKEND).quantize(modelDir, dtype, out);
        } catch (IllegalArgumentException e) {
            // the quantiser's way of saying the type, the target or the model cannot be used
            throw new UsageException(e.getMessage(), e);
        }
        long after = weightBytes(result);
        spec.commandLine().getOut().printf(Locale.ROOT, "%s: %s weights %.1f MB -> %.1f MB (%.2fx)%n", result,
                dtype.toUpperCase(Locale.ROOT), before / 1e6, after / 1e6, (double) before / Math.max(after, 1));
        return Main.OK;
    }

    private static long weightBytes(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            long total = 0;
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".safetensors")).toList()) {
                total += Files.size(file);
            }
            return total;
        }
    }
}
