package io.trace2train.backends.llamacpp;

import io.trace2train.api.backend.BackendFactory;
import io.trace2train.api.backend.ModelBackend;
import io.trace2train.api.backend.ModelQuantizer;
import io.trace2train.api.param.InvalidArgumentsException;
import io.trace2train.api.param.ParameterSpec;
import io.trace2train.api.param.ParameterType;
import io.trace2train.backends.llamacpp.gguf.GgufQuantizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Creates {@link LlamaCppBackend}s from a GGUF file. */
final class LlamaCppBackendFactory implements BackendFactory {

    static final String NAME = "llamacpp";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<ParameterSpec> options() {
        return List.of(
                ParameterSpec.optional("model", ParameterType.STRING,
                        "a GGUF file (trace2train quantize --format gguf writes one from a Hugging Face folder)"),
                ParameterSpec.optional("threads", ParameterType.STRING,
                        "CPU threads (default: the available processors)"),
                ParameterSpec.optional("context", ParameterType.STRING,
                        "context size in tokens (default: the model's, at most 4096)"),
                ParameterSpec.optional("chat-template", ParameterType.STRING,
                        "a Jinja chat template file to use instead of the GGUF's own"),
                ParameterSpec.optional("raw", ParameterType.STRING,
                        "true: send the messages' text as is, without the chat template (default false)"));
    }

    @Override
    public ModelBackend create(Map<String, String> options) {
        String model = options.get("model");
        if (model == null) {
            throw new InvalidArgumentsException("backend " + NAME, "model", "give model=FILE.gguf");
        }
        Path file = Path.of(model);
        if (!Files.isRegularFile(file)) {
            throw new InvalidArgumentsException("backend " + NAME, "model", file + " is not a file: give a GGUF"
                    + " file (trace2train quantize --format gguf --model-dir DIR --out FILE.gguf writes one)");
        }
        String raw = options.getOrDefault("raw", "false");
        if (!raw.equals("true") && !raw.equals("false")) {
            throw new InvalidArgumentsException("backend " + NAME, "raw", "expected true or false, got '" + raw + "'");
        }
        int threads = positive(options, "threads", Runtime.getRuntime().availableProcessors());
        int context = positive(options, "context", 0);
        Optional<String> template = Optional.empty();
        if (options.containsKey("chat-template")) {
            try {
                template = Optional.of(Files.readString(Path.of(options.get("chat-template"))));
            } catch (IOException e) {
                throw new InvalidArgumentsException("backend " + NAME, "chat-template", "cannot read "
                        + options.get("chat-template") + ": " + e.getMessage());
            }
        }
        return LlamaCppBackend.load(file, new LlamaCppBackend.Settings(threads, context, template,
                Boolean.parseBoolean(raw)));
    }

    private static int positive(Map<String, String> options, String name, int fallback) {
        String value = options.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= 1) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new InvalidArgumentsException("backend " + NAME, name, "expected a positive whole number, got '"
                + value + "'");
    }

    /** Writes GGUF files (F16, Q4_0) from Hugging Face folders. */
    @Override
    public Optional<ModelQuantizer> quantizer() {
        return Optional.of(new GgufQuantizer());
    }
}
