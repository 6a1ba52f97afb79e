package io.trace2train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trace2train.testing.ExampleData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verify} on IFBench's test file (string keys) and its 294 sample responses: one row per test prompt as
 * IFBench's harness writes them, byte for byte the shipped {@code eval_results_*.jsonl} except PROVENANCE.md's
 * exceptions, and the agreement test's figures over the shipped rows.
 */
class VerifyIfbenchTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path out;

    private static CommandLineRun run;

    @BeforeAll
    static void verifyTheSampleResponses() {
        run = CommandLineRun.of("verify", "--prompts", ExampleData.ifbench("IFBench_test.jsonl"),
                "--responses", ExampleData.ifbench("sample_output.jsonl"), "--out", out);
    }

    @Test
    void rowsAreTheShippedOnesExceptTheProvenanceExceptions() throws Exception {
        assertEquals(Main.OK, run.exitCode(), run::toString);
        // the old test file's corrupted prompt swallowed rows 268-273 and hid 274: none of them has a response
        assertTrue(run.err().contains("7 prompt(s) have no response") && run.err().contains(
                "keys [268, 269, 270, 271, 272, 273, 274]"), run::toString);
        for (String strictness : List.of("strict", "loose")) {
            List<String> ours = Files.readAllLines(out.resolve("eval_results_" + strictness + ".jsonl"));
            List<String> tests = Files.readAllLines(ExampleData.ifbench("IFBench_test.jsonl"));
            assertEquals(300, ours.size(), "one row per test prompt");
            // the shipped rows by stripped prompt: the old test file padded 3 prompts the current one does not
            Map<String, String> shippedByPrompt = new HashMap<>();
            for (String row : Files.readAllLines(ExampleData.ifbench("eval_results_" + strictness + ".jsonl"))) {
                shippedByPrompt.put(JSON.readTree(row).get("prompt").textValue().strip(), row);
            }
            List<String> differing = new ArrayList<>();
            int same = 0;
            for (int i = 0; i < ours.size(); i++) {
                JsonNode test = JSON.readTree(tests.get(i));
                String key = test.get("key").textValue();
                JsonNode row = JSON.readTree(ours.get(i));
                assertEquals(test.get("prompt"), row.get("prompt"), "row " + i + " is test row " + key);
                String shipped = shippedByPrompt.get(test.get("prompt").textValue().strip());
                if (shipped == null) {
                    // no response: IFBench's empty_output
                    assertEquals(JSON.createArrayNode().addAll(java.util.Collections.nCopies(
                            test.get("instruction_id_list").size(), JSON.getNodeFactory().booleanNode(false))),
                            row.get("follow_instruction_list"), "row " + key);
                    assertEquals("", row.get("response").textValue(), "row " + key);
                    differing.add(key + " no response");
                } else if (shipped.equals(ours.get(i))) {
                    same++;
                } else if (withPrompt(shipped, test.get("prompt")).equals(row)) {
                    differing.add(key + " old prompt padded");
                } else {
                    differing.add(key + " " + row.get("follow_instruction_list") + " shipped "
                            + JSON.readTree(shipped).get("follow_instruction_list"));
                }
            }
            // 0, 1, 153: the old test file's prompt had a trailing space; the row holds the test file's prompt
            assertEquals(List.of("0 old prompt padded", "1 old prompt padded", "153 old prompt padded",
                    "163 [false] shipped [true]", "268 no response", "269 no response",
                    "270 no response", "271 no response", "272 no response", "273 no response", "274 no response"),
                    differing, strictness);
            assertEquals(289, same, strictness + ": rows equal byte for byte");
        }
    }

    @Test
    void theFiguresOverTheShippedRowsAreTheAgreementTestsAndTheReportCountsEveryTestPrompt() throws Exception {
        assertEquals(List.of(76, 294, 92, 335), figuresOverShippedRows("strict"));
        assertEquals(List.of(86, 294, 107, 335), figuresOverShippedRows("loose"));
        // the report counts all 300 test prompts (the 6 the old file lacked, and 274, fail for want of a response)
        assertTrue(run.out().contains("76/300 0.2533") && run.out().contains("86/300 0.2867"), run::toString);
    }

    /** A result row with its prompt replaced, as a tree. */
    private static JsonNode withPrompt(String row, JsonNode prompt) throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode tree = (com.fasterxml.jackson.databind.node.ObjectNode)
                JSON.readTree(row);
        tree.set("prompt", prompt);
        return tree;
    }

    /** Prompts and instructions followed and judged, over the rows whose key has a shipped row (274 too). */
    private static List<Integer> figuresOverShippedRows(String strictness) throws Exception {
        List<String> ours = Files.readAllLines(out.resolve("eval_results_" + strictness + ".jsonl"));
        List<String> tests = Files.readAllLines(ExampleData.ifbench("IFBench_test.jsonl"));
        int[] f = new int[4];
        for (int i = 0; i < ours.size(); i++) {
            int key = Integer.parseInt(JSON.readTree(tests.get(i)).get("key").textValue());
            if (key >= 268 && key <= 273) {
                continue;
            }
            JsonNode row = JSON.readTree(ours.get(i));
            f[0] += row.get("follow_all_instructions").booleanValue() ? 1 : 0;
            f[1]++;
            for (JsonNode followed : row.get("follow_instruction_list")) {
                f[2] += followed.booleanValue() ? 1 : 0;
                f[3]++;
            }
        }
        return List.of(f[0], f[1], f[2], f[3]);
    }
}
