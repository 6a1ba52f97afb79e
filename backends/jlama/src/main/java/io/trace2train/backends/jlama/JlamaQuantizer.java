package io.trace2train.backends.jlama;

import com.github.tjake.jlama.safetensors.DType;
import com.github.tjake.jlama.safetensors.SafeTensorSupport;
import io.trace2train.api.backend.ModelQuantizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Writes a quantised copy of a model folder with Jlama. Jlama's quantiser reads the folder's README.md, which many
 * model folders lack, and writes next to its input: so it runs on a staging folder of links to the source files
 * (the source is never modified), and the result goes to the folder asked for.
 */
public final class JlamaQuantizer {

    /** What Jlama can quantise weights to. */
    public static final List<String> TYPES = List.of("Q4", "Q5", "I8", "F16", "BF16");

    /** The quantiser as the backend SPI hands it out. */
    static final ModelQuantizer QUANTIZER = new ModelQuantizer() {
        @Override
        public List<String> types() {
            return TYPES;
        }

        @Override
        public Path quantize(Path model, String type, Path target) throws IOException {
            return JlamaQuantizer.quantize(model, type, target);
        }
    };

    private JlamaQuantizer() {
    }

    /**
     * @param source a model folder
     * @param type one of {@link #TYPES}
     * @param target an empty or missing folder for the result
     * @return the result folder
     * @throws IllegalArgumentException for an unknown type or a non-empty target
     * @throws IOException when reading or writing fails
     */
    public static Path quantize(Path source, String type, Path target) throws IOException {
        DType dtype = dtype(type);
        JlamaRuntime.configureDefaults(); // Jlama's quantiser picks its kernels for good
        if (Files.isDirectory(target)) {
            try (Stream<Path> entries = Files.list(target)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException(target + " is not empty: choose a new folder for the"
                            + " quantised model");
                }
            }
            Files.delete(target);
        }
        Path stage = Files.createTempDirectory("trace2train-quantize");
        try {
            try (Stream<Path> files = Files.list(source)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.createSymbolicLink(stage.resolve(file.getFileName()), file.toAbsolutePath());
                }
            }
            if (!Files.exists(stage.resolve("README.md"))) {
                Files.writeString(stage.resolve("README.md"), "# " + source.getFileName() + "\n");
            }
            // the token embeddings stay as they are: Jlama looks them up row by row
            SafeTensorSupport.quantizeModel(stage, dtype, new String[] {"model.embed_tokens.weight"}, null,
                    Optional.of(target));
            Path generation = source.resolve("generation_config.json");
            if (Files.isRegularFile(generation) && !Files.exists(target.resolve("generation_config.json"))) {
                Files.copy(generation, target.resolve("generation_config.json"));
            }
            return target;
        } catch (UnsupportedOperationException e) {
            throw new IllegalArgumentException("Jlama cannot quantise " + source + " to " + type + ": "
                    + JlamaErrors.explain(e), e);
        } finally {
            deleteTree(stage);
        }
    }

    /** Deletes a folder and everything in it (links are removed, not followed). */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    static DType dtype(String type) {
        String upper = type.toUpperCase(Locale.ROOT);
        if (!TYPES.contains(upper)) {
            throw new IllegalArgumentException("cannot quantise to '" + type + "': expected one of " + TYPES);
        }
        return DType.valueOf(upper);
    }
}
