package io.trace2train.backends.jlama;

import com.github.tjake.jlama.safetensors.DType;
import io.trace2train.api.backend.BackendFactory;
import io.trace2train.api.backend.ModelBackend;
import io.trace2train.api.backend.ModelQuantizer;
import io.trace2train.api.param.InvalidArgumentsException;
import io.trace2train.api.param.ParameterSpec;
import io.trace2train.api.param.ParameterType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Creates {@link JlamaBackend}s from a model folder. */
final class JlamaBackendFactory implements BackendFactory {

    static final String NAME = "jlama";
    private static final List<String> WORKING_TYPES = List.of("F32", "F16", "BF16");

    private final ModelLocator locator;

    JlamaBackendFactory() {
        this(ModelLocator.fromEnvironment());
    }

    JlamaBackendFactory(ModelLocator locator) {
        this.locator = locator;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<ParameterSpec> options() {
        return List.of(
                ParameterSpec.optional("model-dir", ParameterType.STRING,
                        "a Hugging Face model folder: config.json, *.safetensors, tokenizer.json, tokenizer_config.json"),
                ParameterSpec.optional("model", ParameterType.STRING,
                        "OWNER/NAME on the Hugging Face hub: taken from the local caches, else downloaded"),
                ParameterSpec.optional("dtype", ParameterType.STRING, "working type: F32 (default), F16 or BF16"),
                ParameterSpec.optional("quantize", ParameterType.STRING,
                        "quantise the weights at load: Q4, Q5 or I8 (a pre-quantised folder needs nothing)"),
                ParameterSpec.optional("raw", ParameterType.STRING,
                        "true: send the messages' text as is, without the model's chat template (default false)"));
    }

    @Override
    public ModelBackend create(Map<String, String> options) {
        if (options.containsKey("model-dir") == options.containsKey("model")) {
            throw new InvalidArgumentsException("backend " + NAME, "model-dir",
                    "give exactly one of model-dir (a local folder) and model (OWNER/NAME on the Hugging Face hub)");
        }
        Path folder = options.containsKey("model-dir") ? Path.of(options.get("model-dir"))
                : locator.locate(options.get("model"));
        for (String file : List.of("config.json", "tokenizer.json")) {
            if (!Files.isRegularFile(folder.resolve(file))) {
                throw new InvalidArgumentsException("backend " + NAME, "model-dir", folder + " has no " + file
                        + ": point model-dir at a Hugging Face model folder");
            }
        }
        String dtype = options.getOrDefault("dtype", "F32").toUpperCase(Locale.ROOT);
        if (!WORKING_TYPES.contains(dtype)) {
            throw new InvalidArgumentsException("backend " + NAME, "dtype", "expected one of " + WORKING_TYPES
                    + ", got '" + options.get("dtype") + "'");
        }
        String raw = options.getOrDefault("raw", "false");
        if (!raw.equals("true") && !raw.equals("false")) {
            throw new InvalidArgumentsException("backend " + NAME, "raw", "expected true or false, got '" + raw + "'");
        }
        ShapeCheck.check(folder);
        if (options.containsKey("quantize")) {
            folder = quantizedCopy(folder, options.get("quantize"));
        }
        return JlamaBackend.load(folder, DType.valueOf(dtype), Boolean.parseBoolean(raw));
    }

    @Override
    public Optional<ModelQuantizer> quantizer() {
        return Optional.of(JlamaQuantizer.QUANTIZER);
    }

    /** Quantising at load writes a quantised copy to a temporary folder, removed when the JVM exits, and loads it. */
    private static Path quantizedCopy(Path folder, String type) {
        try {
            Path temporary = Files.createTempDirectory("trace2train-" + type.toLowerCase(Locale.ROOT));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    JlamaQuantizer.deleteTree(temporary);
                } catch (java.io.IOException e) {
                    System.err.println("trace2train: could not remove " + temporary + ": " + e.getMessage());
                }
            }));
            return JlamaQuantizer.quantize(folder, type, temporary.resolve("model"));
        } catch (IllegalArgumentException e) {
            throw new InvalidArgumentsException("backend " + NAME, "quantize", e.getMessage());
        } catch (java.io.IOException e) {
            throw new InvalidArgumentsException("backend " + NAME, "quantize", "cannot quantise " + folder + ": " + e);
        }
    }
}
