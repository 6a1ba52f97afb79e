package io.trace2train.verifiers.ifeval;

import static java.util.Objects.requireNonNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trace2train.api.text.PythonText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * IFEval's input rows joined with GPT-4's responses, read from the shared data beside the checkout (tests skip when
 * it is absent), and the driver's loose candidates. Test-only: the engine owns the real driver.
 */
public final class IfevalData {

    /** One prompt: its instruction ids, their kwargs, and the response to it. */
    public record Row(String prompt, List<String> instructionIds, List<Map<String, Object>> kwargs,
            String response) {
        public Row {
            requireNonNull(prompt, "prompt");
            instructionIds = List.copyOf(instructionIds);
            kwargs = List.copyOf(kwargs);
            requireNonNull(response, "response");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private IfevalData() {
    }

    /** The data folder, or a skipped test when the shared data is not there. */
    public static Path directory() {
        String shared = System.getProperty("trace2train.shared");
        assumeTrue(shared != null, "trace2train.shared is not set");
        Path directory = Path.of(shared, "data", "ifeval");
        assumeTrue(Files.isRegularFile(directory.resolve("input_data.jsonl")), "no IFEval data in " + directory);
        return directory;
    }

    /** The input rows, each with its response; responses are joined by exact prompt text, the last one winning. */
    public static List<Row> rows() {
        Path directory = directory();
        Map<String, String> responses = new HashMap<>();
        for (Map<String, Object> line : read(directory.resolve("responses_gpt4.jsonl"))) {
            responses.put((String) line.get("prompt"), (String) line.get("response"));
        }
        List<Row> rows = new ArrayList<>();
        for (Map<String, Object> line : read(directory.resolve("input_data.jsonl"))) {
            String prompt = (String) line.get("prompt");
            @SuppressWarnings("unchecked")
            List<String> ids = (List<String>) line.get("instruction_id_list");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> kwargs = (List<Map<String, Object>>) line.get("kwargs");
            String response = responses.get(prompt);
            if (response == null) {
                throw new IllegalStateException("no response to prompt " + line.get("key"));
            }
            rows.add(new Row(prompt, ids, kwargs, response));
        }
        return rows;
    }

    /** Every response, for tests that only need texts. */
    public static List<String> responses() {
        return rows().stream().map(Row::response).toList();
    }

    private static List<Map<String, Object>> read(Path file) {
        try {
            List<Map<String, Object>> lines = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    lines.add(JSON.readValue(line, new TypeReference<Map<String, Object>>() { }));
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The driver's 8 loose candidates, in its order: the response, without "*", without the first line, the last
     * line, both (each stripped), and those three without "*".
     */
    public static List<String> looseCandidates(String response) {
        List<String> lines = PythonText.split(response, "\n");
        String withoutFirst = PythonText.strip(join(lines, 1, lines.size()));
        String withoutLast = PythonText.strip(join(lines, 0, lines.size() - 1));
        String withoutBoth = PythonText.strip(join(lines, 1, lines.size() - 1));
        return List.of(response, response.replace("*", ""), withoutFirst, withoutLast, withoutBoth,
                withoutFirst.replace("*", ""), withoutLast.replace("*", ""), withoutBoth.replace("*", ""));
    }

    /** Python {@code "\n".join(lines[from:to])}, where an empty or reversed range joins nothing. */
    private static String join(List<String> lines, int from, int to) {
        return from >= to ? "" : String.join("\n", lines.subList(from, to));
    }
}
