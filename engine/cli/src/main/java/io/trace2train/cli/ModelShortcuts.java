package io.trace2train.cli;

import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --model-dir} and {@code --model}: the jlama backend's model options, as options of their own. */
final class ModelShortcuts {

    @Option(names = "--model-dir", paramLabel = "DIR", description = "jlama: the model folder (same as"
            + " --option model-dir=DIR).")
    Path modelDir;

    @Option(names = "--model", paramLabel = "OWNER/NAME", description = "jlama: a Hugging Face model, from the local"
            + " caches or downloaded (same as --option model=OWNER/NAME).")
    String model;

    /**
     * Adds the ones given to the backend options.
     *
     * @param absolutePaths whether the folder is written absolute (for a settings file read from elsewhere later)
     * @throws IllegalArgumentException when an option is also given as {@code --option}
     */
    void addTo(Map<String, String> options, boolean absolutePaths) {
        put(options, "model-dir", "--model-dir", modelDir == null ? null
                : (absolutePaths ? modelDir.toAbsolutePath() : modelDir).toString());
        put(options, "model", "--model", model);
    }

    /** Adds {@code key=value} unless the value is null; refuses a key already given with {@code --option}. */
    static void put(Map<String, String> options, String key, String flag, String value) {
        if (value == null) {
            return;
        }
        if (options.containsKey(key)) {
            throw new IllegalArgumentException("give " + flag + " or --option " + key + "=, not both");
        }
        options.put(key, value);
    }
}
