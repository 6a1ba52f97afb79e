package io.trace2train.backends.jlama;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.trace2train.api.env.ToolCall;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Generated texts read as vLLM's hermes tool parser reads a finished generation. */
class HermesToolCallsTest {

    private static final long SEED = 7;
    private static final String ID = "call_0000000000000007_";

    @Test
    void oneCallsArgumentsAreReEncodedAsPythonsJsonDumps() {
        HermesToolCalls.Parsed parsed = HermesToolCalls.parse("<tool_call>\n{\"name\": \"get_weather\", \"arguments\":"
                + " {\"city\":\"Zürich\",\"unit\":\"celsius\"}}\n</tool_call>", SEED);
        assertEquals("", parsed.content());
        assertEquals(List.of(new ToolCall(ID + "0", "get_weather", "{\"city\": \"Zürich\", \"unit\": \"celsius\"}")),
                parsed.calls());
    }

    @Test
    void parallelCallsKeepTheirOrderAndTheContentIsTheTextBeforeTheFirstCall() {
        String text = "Let me check both.\n<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Bern\"}}"
                + "\n</tool_call>\n<tool_call>\n{\"name\": \"get_time\", \"arguments\": {}}\n</tool_call>\nOne moment.";
        HermesToolCalls.Parsed parsed = HermesToolCalls.parse(text, SEED);
        assertEquals("Let me check both.\n", parsed.content(), "vLLM keeps the text before the first call only");
        assertEquals(List.of(new ToolCall(ID + "0", "get_weather", "{\"city\": \"Bern\"}"),
                new ToolCall(ID + "1", "get_time", "{}")), parsed.calls());
        assertEquals("call_ffffffffffffffff_0", HermesToolCalls.parse(text, -1).calls().getFirst().id(),
                "ids come from the generation's seed");
    }

    @Test
    void aMalformedBlockLeavesTheWholeTextAsTheAnswerWithNoCalls() {
        String good = "<tool_call>\n{\"name\": \"a\", \"arguments\": {}}\n</tool_call>";
        for (String bad : List.of("{\"name\": \"b\", \"arguments\": {\"x\": }", // not JSON
                "{\"name\": \"b\", \"arguments\": {}} trailing", // JSON with extra data after it
                "{\"name\": \"b\"}", // no arguments
                "{\"arguments\": {}}", // no name
                "{\"name\": 3, \"arguments\": {}}", // a name that is not a string
                "[\"b\", {}]", // not an object
                "")) {
            String text = "Sure.\n" + good + "\n<tool_call>\n" + bad + "\n</tool_call>";
            assertEquals(new HermesToolCalls.Parsed(text, List.of()), HermesToolCalls.parse(text, SEED), bad);
        }
    }

    @Test
    void aLastBlockLeftOpenIsACallWhenItsJsonIsComplete() {
        assertEquals(List.of(new ToolCall(ID + "0", "f", "{\"n\": 1}")),
                HermesToolCalls.parse("<tool_call>\n{\"name\": \"f\", \"arguments\": {\"n\": 1}}\n", SEED).calls());
        String cut = "<tool_call>\n{\"name\": \"f\", \"arguments\": {\"n\": ";
        assertEquals(new HermesToolCalls.Parsed(cut, List.of()), HermesToolCalls.parse(cut, SEED),
                "a call cut off by the token budget is not guessed at");
    }

    @Test
    void textWithoutCallsIsTheAnswer() {
        assertEquals(new HermesToolCalls.Parsed("It is 21 °C.", List.of()), HermesToolCalls.parse("It is 21 °C.", SEED));
        assertEquals(new HermesToolCalls.Parsed("a </tool_call> b", List.of()),
                HermesToolCalls.parse("a </tool_call> b", SEED));
    }

    @Test
    void argumentValuesAreWrittenAsPythonWritesThem() {
        HermesToolCalls.Parsed parsed = HermesToolCalls.parse("<tool_call>{\"name\": \"f\", \"arguments\": {\"f\": 1.0,"
                + " \"small\": 1E-5, \"big\": 12345678901234567890, \"huge\": 1e400, \"none\": null, \"ok\": true,"
                + " \"s\": \"a\\u0001\\\"b\\\\\\u00e9\\/\", \"list\": [1, [], {}]}}</tool_call>", SEED);
        assertEquals("{\"f\": 1.0, \"small\": 1e-05, \"big\": 12345678901234567890, \"huge\": Infinity, \"none\": null,"
                + " \"ok\": true, \"s\": \"a\\u0001\\\"b\\\\é/\", \"list\": [1, [], {}]}",
                parsed.calls().getFirst().arguments());
        assertEquals("\"{\\\"a\\\": 1}\"", HermesToolCalls.parse("<tool_call>{\"name\": \"f\", \"arguments\":"
                + " \"{\\\"a\\\": 1}\"}</tool_call>", SEED).calls().getFirst().arguments(),
                "arguments given as a string are dumped as a string, as vLLM does");
    }
}
