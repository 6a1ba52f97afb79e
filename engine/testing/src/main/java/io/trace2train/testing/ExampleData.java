package io.trace2train.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The example data and models the repository ships ({@code examples/}), found through the {@code trace2train.examples}
 * property the build passes to every test. A missing file fails the test that needs it, naming the path; nothing is
 * skipped. Tests never read anything beside the checkout.
 */
public final class ExampleData {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ExampleData() {
    }

    /** The {@code examples/} folder. */
    public static Path root() {
        String root = System.getProperty("trace2train.examples");
        if (root == null) {
            throw new IllegalStateException("system property trace2train.examples is not set (the build sets it to"
                    + " the repository's examples/ folder)");
        }
        return Path.of(root);
    }

    /** A file of the IFEval data ({@code examples/ifeval/}). */
    public static Path ifeval(String file) {
        return file("ifeval", file);
    }

    /** A file of the IFBench data ({@code examples/ifbench/}). */
    public static Path ifbench(String file) {
        return file("ifbench", file);
    }

    /** A file of the tau-bench data ({@code examples/tau-bench/}). */
    public static Path tauBench(String file) {
        return file("tau-bench", file);
    }

    /**
     * Config overrides that shrink Qwen2.5's real layout ({@code model("qwen2.5-0.5b-instruct-shape")}) to a model
     * tests can write and run in milliseconds, keeping its tokenizer and chat template.
     */
    public static final Map<String, Object> TINY_QWEN = Map.of("hidden_size", 64, "intermediate_size", 128,
            "num_hidden_layers", 1, "num_attention_heads", 4, "num_key_value_heads", 2, "max_position_embeddings", 256);

    /** A model folder ({@code examples/models/<name>}). */
    public static Path model(String name) {
        Path path = root().resolve("models").resolve(name);
        if (!Files.isDirectory(path)) {
            throw new IllegalStateException("test model missing: " + path.toAbsolutePath()
                    + " (the repository ships it under examples/models/)");
        }
        return path;
    }

    /** GPT-4's 541 IFEval responses ({@code responses_gpt4.jsonl}), in file order. */
    public static List<String> gpt4Responses() {
        return jsonLines(ifeval("responses_gpt4.jsonl")).stream().map(row -> row.get("response").asText()).toList();
    }

    /** The JSON objects of a JSON-lines file, in order; blank lines are skipped. */
    public static List<JsonNode> jsonLines(Path file) {
        try {
            List<JsonNode> rows = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    rows.add(JSON.readTree(line));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static Path file(String folder, String file) {
        Path path = root().resolve(folder).resolve(file);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("test data missing: " + path.toAbsolutePath()
                    + " (the repository ships it under examples/" + folder + "/)");
        }
        return path;
    }
}
