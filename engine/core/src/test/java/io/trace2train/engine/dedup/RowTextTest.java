package io.trace2train.engine.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trace2train.engine.io.BadInputException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RowTextTest {

    private static final Path FILE = Path.of("rows.jsonl");

    @Test
    void everyExportFormatGivesItsPromptAndCompletion() {
        // TRL SFT messages: the prompt before the first assistant message, tool calls' names and arguments as text
        RowText sft = RowText.read(FILE, 1, """
                {"messages": [{"role": "system", "content": "be brief"}, {"role": "user", "content": "hi"},
                 {"role": "assistant", "content": null, "tool_calls": [{"id": "c", "type": "function",
                  "function": {"name": "search", "arguments": {"q": "x"}}}]},
                 {"role": "tool", "content": "found"}, {"role": "assistant", "content": "done"}],
                 "metadata": {"task_id": "t1"}}""".replace("\n", ""));
        assertEquals(new RowText("be brief\nhi", "search {\"q\":\"x\"}\nfound\ndone", "t1"), sft);
        // DPO (TRL): the chosen completion
        assertEquals(new RowText("p", "yes", null), RowText.read(FILE, 2,
                "{\"prompt\": [{\"role\": \"user\", \"content\": \"p\"}], \"chosen\": [{\"role\": \"assistant\","
                        + " \"content\": \"yes\"}], \"rejected\": [{\"role\": \"assistant\", \"content\": \"no\"}]}"));
        // OpenAI DPO
        assertEquals(new RowText("p", "yes", null), RowText.read(FILE, 3,
                "{\"input\": {\"messages\": [{\"role\": \"user\", \"content\": \"p\"}]}, \"preferred_output\":"
                        + " [{\"role\": \"assistant\", \"content\": \"yes\"}], \"non_preferred_output\": []}"));
        // a plain prompt-completion row, content parts, an id
        assertEquals(new RowText("p", "a\nb", "7"), RowText.read(FILE, 4, "{\"id\": 7, \"prompt\": \"p\","
                + " \"completion\": [{\"role\": \"assistant\", \"content\": [{\"type\": \"text\", \"text\": \"a\"},"
                + " {\"type\": \"text\", \"text\": \"b\"}]}]}"));
    }

    @Test
    void aLineThatIsNoTrainingRowNamesFileLineAndField() {
        assertTrue(message("{\"prompt\": ", 5).startsWith("rows.jsonl:5: not valid JSON: "));
        assertEquals("rows.jsonl:6: prompt: missing: a training row has prompt, input.messages or messages",
                message("{\"completion\": \"c\"}", 6));
        assertEquals("rows.jsonl:7: messages: expected an array of messages but got STRING",
                message("{\"messages\": \"hi\"}", 7));
        assertEquals("rows.jsonl:8: prompt[0]: expected a message object but got NUMBER",
                message("{\"prompt\": [3]}", 8));
        assertEquals("rows.jsonl:9: expected a JSON object (a training row) but got ARRAY", message("[]", 9));
        assertEquals("rows.jsonl:10: messages[1].content: expected a string or an array of parts but got OBJECT",
                message("{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}, {\"role\": \"assistant\","
                        + " \"content\": {\"a\": 1}}]}", 10));
        assertEquals("rows.jsonl:11: prompt: expected a string or an array of messages but got NULL",
                message("{\"prompt\": null}", 11));
    }

    private static String message(String line, int number) {
        return assertThrows(BadInputException.class, () -> RowText.read(FILE, number, line)).problems().getFirst()
                .toString();
    }
}
