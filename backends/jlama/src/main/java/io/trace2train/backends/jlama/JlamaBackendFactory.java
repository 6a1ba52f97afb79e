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
import java.util.OptionalInt;

/** Creates {@link JlamaBackend}s from a model folder. */
final class JlamaBackendFactory implements BackendFactory {

    static final String NAME = "jlama";
    private static final List<String> WORKING_TYPES = List.of("F32", "F16", "BF16");
    private static final List<String> ACTIVATION_TYPES = List.of("F32", "I8");

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
                ParameterSpec.optional("activation-type", ParameterType.STRING, "the type activations are quantised to"
                        + " before a product with quantised weights: F32 (default) or I8 (Jlama keeps F32 where the"
                        + " model's sizes do not fit its I8 kernels)"),
                ParameterSpec.optional("native", ParameterType.STRING, "true: Jlama's native SIMD kernels"
                        + " (jlama-native) where the library loads, else its Vector API ones; false (default): the"
                        + " Vector API ones (one choice per process)"),
                ParameterSpec.optional("threads", ParameterType.STRING, "Jlama's thread pool (default: half the"
                        + " processors, at least 2; one size per process)"),
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
        boolean raw = bool(options, "raw", false);
        String activations = options.getOrDefault("activation-type", "F32").toUpperCase(Locale.ROOT);
        if (!ACTIVATION_TYPES.contains(activations)) {
            throw new InvalidArgumentsException("backend " + NAME, "activation-type", "expected one of "
                    + ACTIVATION_TYPES + ", got '" + options.get("activation-type") + "'");
        }
        // native kernels are opt-in: on this project's machines they decode stories260K wrong (JlamaRuntimeTest)
        JlamaRuntime.configure(bool(options, "native", false), threads(options));
        ShapeCheck.check(folder);
        if (options.containsKey("quantize")) {
            folder = quantizedCopy(folder, options.get("quantize"));
        }
        // with unquantised weights Jlama computes in the working type whatever is asked: I8 matters for Q4 and Q5
        DType workingQuantization = activations.equals("I8") ? DType.I8 : DType.valueOf(dtype);
        return JlamaBackend.load(folder, DType.valueOf(dtype), workingQuantization, raw);
    }

    private static boolean bool(Map<String, String> options, String name, boolean fallback) {
        String value = options.getOrDefault(name, String.valueOf(fallback));
        if (!value.equals("true") && !value.equals("false")) {
            throw new InvalidArgumentsException("backend " + NAME, name, "expected true or false, got '" + value
                    + "'");
        }
        return Boolean.parseBoolean(value);
    }

    private static OptionalInt threads(Map<String, String> options) {
        String value = options.get("threads");
        if (value == null) {
            return OptionalInt.empty();
        }
        int processors = Runtime.getRuntime().availableProcessors();
        try {
            int threads = Integer.parseInt(value.trim());
            if (threads >= 1 && threads <= processors) {
                return OptionalInt.of(threads);
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidArgumentsException("backend " + NAME, "threads", "expected a whole number from 1 to "
                + processors + " (the available processors), got '" + value + "'");
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
