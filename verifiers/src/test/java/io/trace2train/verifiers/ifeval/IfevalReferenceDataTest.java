package io.trace2train.verifiers.ifeval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trace2train.api.text.PythonText;
import io.trace2train.api.verify.Verifier;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Runs the checks of this branch over the GPT-4 responses shipped with IFEval and compares the strict and loose pass
 * counts per instruction id with the reference figures of {@code PROVENANCE.md}.
 */
class IfevalReferenceDataTest {

    /** id → {total, strict passes, loose passes}, from PROVENANCE.md. */
    private static final Map<String, List<Integer>> EXPECTED = Map.ofEntries(
            Map.entry("combination:repeat_prompt", List.of(41, 26, 26)),
            Map.entry("combination:two_responses", List.of(24, 22, 24)),
            Map.entry("detectable_content:number_placeholders", List.of(27, 25, 25)),
            Map.entry("detectable_content:postscript", List.of(26, 26, 26)),
            Map.entry("detectable_format:constrained_response", List.of(10, 8, 8)),
            Map.entry("detectable_format:json_format", List.of(17, 17, 17)),
            Map.entry("detectable_format:multiple_sections", List.of(14, 13, 13)),
            Map.entry("detectable_format:number_bullet_lists", List.of(31, 27, 27)),
            Map.entry("detectable_format:number_highlighted_sections", List.of(48, 45, 45)),
            Map.entry("detectable_format:title", List.of(37, 37, 37)),
            Map.entry("keywords:existence", List.of(39, 38, 38)),
            Map.entry("keywords:forbidden_words", List.of(49, 42, 44)),
            Map.entry("keywords:frequency", List.of(42, 38, 39)),
            Map.entry("keywords:letter_frequency", List.of(33, 21, 21)),
            Map.entry("length_constraints:nth_paragraph_first_word", List.of(12, 9, 11)),
            Map.entry("length_constraints:number_paragraphs", List.of(27, 23, 23)),
            Map.entry("length_constraints:number_words", List.of(52, 37, 39)),
            Map.entry("punctuation:no_comma", List.of(66, 44, 48)),
            Map.entry("startend:end_checker", List.of(26, 22, 22)),
            Map.entry("startend:quotation", List.of(41, 41, 41)));

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void strictAndLooseCountsMatchTheReference() throws IOException {
        Path dir = Path.of(System.getProperty("trace2train.shared", "../shared"), "data", "ifeval");
        assertTrue(Files.isDirectory(dir), "IFEval data not found at " + dir.toAbsolutePath());
        Map<String, String> responses = new HashMap<>();
        for (JsonNode row : readJsonl(dir.resolve("responses_gpt4.jsonl"))) {
            responses.put(row.get("prompt").asText(), row.get("response").asText()); // the last one wins
        }
        Map<String, int[]> actual = new TreeMap<>();
        for (JsonNode row : readJsonl(dir.resolve("input_data.jsonl"))) {
            String prompt = row.get("prompt").asText();
            String response = responses.get(prompt);
            assertTrue(response != null, "no response for prompt " + row.get("key"));
            List<String> candidates = looseCandidates(response);
            JsonNode ids = row.get("instruction_id_list");
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i).asText();
                if (!EXPECTED.containsKey(id)) {
                    continue;
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> kwargs = JSON.convertValue(row.get("kwargs").get(i), Map.class);
                Verifier verifier = Checks.create(id, kwargs);
                int[] counts = actual.computeIfAbsent(id, k -> new int[3]);
                counts[0]++;
                if (!PythonText.isBlank(response) && verifier.check(response).passed()) {
                    counts[1]++;
                }
                if (candidates.stream().anyMatch(c -> !PythonText.isBlank(c) && verifier.check(c).passed())) {
                    counts[2]++;
                }
            }
        }
        Map<String, List<Integer>> measured = new TreeMap<>();
        actual.forEach((id, counts) -> measured.put(id, List.of(counts[0], counts[1], counts[2])));
        assertEquals(new TreeMap<>(EXPECTED), measured);
    }

    /** The reference's eight loose candidates (SEMANTICS.md 0.1); the engine owns this logic, it is copied here. */
    static List<String> looseCandidates(String response) {
        List<String> lines = PythonText.split(response, "\n");
        String withoutFirst = PythonText.strip(String.join("\n", lines.subList(1, lines.size())));
        String withoutLast = PythonText.strip(String.join("\n", lines.subList(0, lines.size() - 1)));
        String withoutBoth = lines.size() < 2 ? ""
                : PythonText.strip(String.join("\n", lines.subList(1, lines.size() - 1)));
        List<String> candidates = new ArrayList<>(List.of(response, response.replace("*", ""), withoutFirst,
                withoutLast, withoutBoth));
        candidates.add(withoutFirst.replace("*", ""));
        candidates.add(withoutLast.replace("*", ""));
        candidates.add(withoutBoth.replace("*", ""));
        return candidates;
    }

    private static List<JsonNode> readJsonl(Path file) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    rows.add(JSON.readTree(line));
                }
            }
        }
        return rows;
    }
}
