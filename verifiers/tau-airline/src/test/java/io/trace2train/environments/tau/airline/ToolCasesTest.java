package io.trace2train.environments.tau.airline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trace2train.api.env.ToolCall;
import io.trace2train.api.env.ToolResult;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every tool on hand-made calls, every error path included (missing, unknown and wrongly typed arguments, Python's
 * TypeErrors and KeyErrors, the tools' own refusals), each compared character for character with what τ-bench's
 * Python tools return for the same calls on the same database ({@code tool-cases.jsonl}, made by
 * {@code src/test/tau-bench-reference/gen_cases.py}), together with the records the calls changed.
 */
class ToolCasesTest {

    static Stream<JsonNode> cases() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> cases = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                ToolCasesTest.class.getResourceAsStream("tool-cases.jsonl"), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                cases.add(json.readTree(line));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void resultsAndChangedRecordsAreTauBenchs(JsonNode testCase) {
        TauAirlineEnvironment environment = TauAirlineEnvironment.create();
        JsonNode calls = testCase.get("calls");
        for (int i = 0; i < calls.size(); i++) {
            JsonNode call = calls.get(i);
            ToolResult result = environment.execute(new ToolCall("call-" + i, call.get("name").textValue(),
                    call.get("arguments").textValue()));
            JsonNode expected = testCase.get("results").get(i);
            // τ-bench's None (send_certificate with all three ids taken) is an empty tool message here
            String expectedText = expected.isNull() ? "" : expected.textValue();
            assertEquals(expectedText, result.content(), "call " + i + ": " + call);
            assertEquals(expectedText.startsWith("Error: ") || expectedText.startsWith("Unknown action "),
                    result.error(), "error flag of call " + i);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = testCase.get("records").properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> record = it.next();
            String[] tableKey = record.getKey().split("/");
            JsonNode actual = environment.state().get(tableKey[0], tableKey[1]);
            assertEquals(record.getValue().isNull() ? null : record.getValue().textValue(),
                    actual == null ? null : PyJson.dumps(actual), record.getKey());
        }
    }
}
