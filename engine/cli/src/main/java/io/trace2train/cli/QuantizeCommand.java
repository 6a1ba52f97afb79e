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

/** Writes a pre-quantised copy of a model folder: safetensors for the jlama backend, GGUF for llamacpp. */
@Command(name = "quantize", mixinStandardHelpOptions = true,
        description = {"Write a quantised copy of a Hugging Face model folder: safetensors for the jlama backend, or"
                + " (--format gguf) one GGUF file for the llamacpp backend."})
final class QuantizeCommand implements Callable<Integer> {

    /** Each format, the backend whose quantiser writes it. */
    private static final java.util.Map<String, String> BACKENDS = java.util.Map.of("safetensors", "jlama", "gguf",
            "llamacpp");

    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    @Option(names = "--model-dir", required = true, paramLabel = "DIR", description = "The model folder.")
    Path modelDir;

    @Option(names = "--format", defaultValue = "safetensors",
            description = "safetensors (jlama) or gguf (llamacpp) (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--dtype", description = "safetensors: Q4 (default), Q5, I8, F16 or BF16; gguf: Q4_0 (default)"
            + " or F16.")
    String dtype;

    @Option(names = "--out", required = true, paramLabel = "PATH",
            description = "A new folder for the result; for gguf also a FILE.gguf.")
    Path out;

    @Override
    public Integer call() throws IOException {
        String backend = BACKENDS.get(format.toLowerCase(Locale.ROOT));
        if (backend == null) {
            throw new UsageException("--format: expected safetensors or gguf, got '" + format + "'");
        }
        String type = dtype != null ? dtype : backend.equals("jlama") ? "Q4" : "Q4_0";
        long before = weightBytes(modelDir);
        Path result;
        try {
            result = main.engine().backends().quantizer(backend).quantize(modelDir, type, out);
        } catch (IllegalArgumentException e) {
            // the quantiser's way of saying the type, the target or the model cannot be used
            throw new UsageException(e.getMessage(), e);
        }
        long after = weightBytes(result);
        spec.commandLine().getOut().printf(Locale.ROOT, "%s: %s weights %.1f MB -> %.1f MB (%.2fx)%n", result,
                type.toUpperCase(Locale.ROOT), before / 1e6, after / 1e6, (double) before / Math.max(after, 1));
        return Main.OK;
    }

    /** The weights' bytes: a GGUF file's size, or a folder's safetensors files'. */
    private static long weightBytes(Path folder) throws IOException {
        if (Files.isRegularFile(folder)) {
            return Files.size(folder);
        }
        try (Stream<Path> files = Files.list(folder)) {
            long total = 0;
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".safetensors")).toList()) {
                total += Files.size(file);
            }
            return total;
        }
    }
}
