package io.trace2train.verifiers.ifbench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The IFBench example data the repository ships ({@code examples/ifbench/}), as the build passes it in. */
final class IfbenchExamples {

    private static final ObjectMapper JSON = new ObjectMapper();

    private IfbenchExamples() {
    }

    static Path file(String name) {
        Path path = Path.of(System.getProperty("trace2train.examples", "../../examples"), "ifbench", name);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("test data missing: " + path.toAbsolutePath()
                    + " (the repository ships it under examples/ifbench/)");
        }
        return path;
    }

    /** The JSON objects of a JSON-lines file, in order. */
    static List<JsonNode> jsonLines(String name) {
        Path path = file(name);
        try {
            List<JsonNode> rows = new ArrayList<>();
            for (String line : Files.readAllLines(path)) {
                if (!line.isBlank()) {
                    rows.add(JSON.readTree(line));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
