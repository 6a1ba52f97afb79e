package io.trace2train.verifiers;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The example data and models the repository ships ({@code examples/}), as the build passes it in. A missing file fails the test
 * that needs it, naming the path; nothing is skipped. (The reference figures over this data are the engine's to
 * check, through its own loose candidates: the CLI's {@code VerifyReferenceFiguresIT}.)
 */
public final class ExampleData {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ExampleData() {
    }

    /** A file of the IFEval data. */
    public static Path ifeval(String file) {
        Path path = Path.of(System.getProperty("trace2train.examples", "../examples"), "ifeval", file);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("test data missing: " + path.toAbsolutePath()
                    + " (the repository ships it under examples/)");
        }
        return path;
    }

    /** GPT-4's 541 IFEval responses ({@code responses_gpt4.jsonl}), in file order. */
    public static List<String> gpt4Responses() {
        Path file = ifeval("responses_gpt4.jsonl");
        try {
            List<String> responses = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    responses.add(JSON.readTree(line).get("response").asText());
                }
            }
            return responses;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
