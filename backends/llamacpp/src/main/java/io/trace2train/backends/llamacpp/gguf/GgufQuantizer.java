package io.trace2train.backends.llamacpp.gguf;

import io.trace2train.api.backend.ModelQuantizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The llamacpp backend's quantiser: a Hugging Face folder to one GGUF file. The target is the file itself (a name
 * ending in {@code .gguf}) or a folder that receives {@code model.gguf}.
 */
public final class GgufQuantizer implements ModelQuantizer {

    @Override
    public List<String> types() {
        return HfToGguf.TYPES;
    }

    @Override
    public Path quantize(Path model, String type, Path target) throws IOException {
        Path file = target.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gguf") ? target
                : target.resolve("model.gguf");
        if (Files.exists(file)) {
            throw new IllegalArgumentException(file + " exists: choose a new file for the GGUF model");
        }
        HfToGguf.convert(model, type, file);
        return file;
    }
}
