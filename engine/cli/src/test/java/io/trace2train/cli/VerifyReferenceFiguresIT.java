package io.trace2train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trace2train.testing.ExampleData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole-data check: {@code verify} on IFEval's 541 GPT-4 responses gives exactly the reference's figures, read
 * from the table in PROVENANCE.md (every instruction id, strict and loose, and the two totals).
 */
class VerifyReferenceFiguresIT {

    private static final Pattern TABLE_ROW = Pattern.compile("^\\| ([a-z_]+:[a-z_]+|ALL_INSTRUCTIONS|ALL_PROMPTS) "
            + "\\| (\\d+) \\| (\\d+) \\| (\\d+) \\|$", Pattern.MULTILINE);

    @TempDir
    static Path out;

    private static CommandLineRun run;

    @BeforeAll
    static void verifyTheGpt4Responses() {
        run = CommandLineRun.of("verify", "--prompts", ExampleData.ifeval("input_data.jsonl"),
                "--responses", ExampleData.ifeval("responses_gpt4.jsonl"), "--out", out);
    }

    /** id -> {total, strict, loose} from PROVENANCE.md. */
    private static Map<String, int[]> reference() throws Exception {
        Matcher m = TABLE_ROW.matcher(Files.readString(ExampleData.ifeval("PROVENANCE.md")));
        Map<String, int[]> figures = new LinkedHashMap<>();
        while (m.find()) {
            figures.put(m.group(1), new int[] {Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                    Integer.parseInt(m.group(4))});
        }
        assertEquals(27, figures.size(), "PROVENANCE.md table: 25 ids and 2 totals");
        return figures;
    }

    @Test
    void everyFigureMatchesTheReference() throws Exception {
        assertEquals(Main.OK, run.exitCode(), run::toString);
        Map<String, int[]> reference = reference();
        Map<String, int[]> ours = countsFromResultFiles();
        for (Map.Entry<String, int[]> row : reference.entrySet()) {
            int[] expected = row.getValue();
            int[] actual = ours.getOrDefault(row.getKey(), new int[3]);
            assertEquals(List.of(expected[0], expected[1], expected[2]), List.of(actual[0], actual[1], actual[2]),
                    row.getKey() + ": total, strict, loose");
        }
    }

    @Test
    void theReportPrintsTheTotals() {
        assertTrue(run.out().contains("prompt-level") && run.out().contains("417/541 0.7708")
                && run.out().contains("431/541 0.7967"), run::toString);
        assertTrue(run.out().contains("698/834 0.8369") && run.out().contains("714/834 0.8561"), run::toString);
    }

    @Test
    void resultRowsKeepInputOrderAndTheReferenceKeys() throws Exception {
        List<String> rows = Files.readAllLines(out.resolve("eval_results_strict.jsonl"));
        List<String> prompts = Files.readAllLines(ExampleData.ifeval("input_data.jsonl"));
        assertEquals(541, rows.size());
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = json.readTree(rows.get(i));
            assertEquals(List.of("follow_all_instructions", "follow_instruction_list", "instruction_id_list",
                    "prompt", "response"), iterator(row.fieldNames()));
            assertEquals(json.readTree(prompts.get(i)).get("prompt"), row.get("prompt"));
        }
        assertTrue(rows.getFirst().startsWith("{\"follow_all_instructions\": "), rows.getFirst());
    }

    private static List<String> iterator(java.util.Iterator<String> names) {
        List<String> list = new java.util.ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }

    private static Map<String, int[]> countsFromResultFiles() throws Exception {
        Map<String, int[]> counts = new LinkedHashMap<>();
        ObjectMapper json = new ObjectMapper();
        String[] files = {"eval_results_strict.jsonl", "eval_results_loose.jsonl"};
        for (int f = 0; f < 2; f++) {
            for (String line : Files.readAllLines(out.resolve(files[f]))) {
                JsonNode row = json.readTree(line);
                bump(counts, "ALL_PROMPTS", f, row.get("follow_all_instructions").booleanValue());
                for (int i = 0; i < row.get("instruction_id_list").size(); i++) {
                    boolean followed = row.get("follow_instruction_list").get(i).booleanValue();
                    bump(counts, row.get("instruction_id_list").get(i).textValue(), f, followed);
                    bump(counts, "ALL_INSTRUCTIONS", f, followed);
                }
            }
        }
        return counts;
    }

    private static void bump(Map<String, int[]> counts, String id, int file, boolean passed) {
        int[] c = counts.computeIfAbsent(id, k -> new int[3]);
        if (file == 0) {
            c[0]++;
        }
        if (passed) {
            c[1 + file]++;
        }
    }
}
