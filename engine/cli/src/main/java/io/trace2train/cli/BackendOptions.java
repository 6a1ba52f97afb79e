package io.trace2train.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The backend options of every command that takes a backend ({@code run}, {@code rollouts}, {@code generate},
 * {@code bench ifeval}): the backend, its {@code --option KEY=VALUE}s and the shortcuts for the common ones, so each
 * command spells them the same way.
 */
final class BackendOptions {

    @Option(names = "--backend", paramLabel = "NAME",
            description = "The model backend (`plugins` lists them; default: jlama for generate, replay otherwise).")
    String backend;

    @Option(names = "--option", paramLabel = "KEY=VALUE", description = "A backend option; repeatable.")
    Map<String, String> options = new LinkedHashMap<>();

    @Option(names = "--responses", paramLabel = "FILE",
            description = "replay: the recorded responses (same as --option responses=FILE).")
    Path responses;

    @Option(names = "--model-dir", paramLabel = "DIR",
            description = "jlama: the model folder (same as --option model-dir=DIR).")
    Path modelDir;

    @Option(names = "--model", paramLabel = "OWNER/NAME", description = "jlama: a Hugging Face model, from the local"
            + " caches or downloaded (same as --option model=OWNER/NAME).")
    String model;

    @Option(names = "--raw", description = "jlama: send the prompt as plain text, without the chat template (same as"
            + " --option raw=true).")
    boolean raw;

    @Option(names = "--quantize", paramLabel = "TYPE",
            description = "jlama: quantise at load, e.g. Q4 (same as --option quantize=TYPE).")
    String quantize;

    /** The backend given, or {@code otherwise}: each command has its own default. */
    String backend(String otherwise) {
        return backend == null ? otherwise : backend;
    }

    /**
     * The --option values with every shortcut given added as its option.
     *
     * @param absolutePaths whether paths are written absolute (for a manifest read from elsewhere later)
     * @throws UsageException when an option is given both as a shortcut and as {@code --option}
     */
    Map<String, String> merged(boolean absolutePaths) {
        Map<String, String> merged = new LinkedHashMap<>(options);
        put(merged, "responses", "--responses", path(responses, absolutePaths));
        put(merged, "model-dir", "--model-dir", path(modelDir, absolutePaths));
        put(merged, "model", "--model", model);
        put(merged, "raw", "--raw", raw ? "true" : null);
        put(merged, "quantize", "--quantize", quantize);
        return merged;
    }

    private static String path(Path path, boolean absolute) {
        return path == null ? null : (absolute ? path.toAbsolutePath() : path).toString();
    }

    /** Adds {@code key=value} unless the value is null; refuses a key already given with {@code --option}. */
    private static void put(Map<String, String> options, String key, String flag, String value) {
        if (value == null) {
            return;
        }
        if (options.containsKey(key)) {
            throw new UsageException("give " + flag + " or --option " + key + "=, not both");
        }
        options.put(key, value);
    }
}
