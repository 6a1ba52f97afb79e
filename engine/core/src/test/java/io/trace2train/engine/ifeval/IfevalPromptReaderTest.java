package io.trace2train.engine.ifeval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trace2train.engine.Engine;
import io.trace2train.engine.config.EngineConfig;
import io.trace2train.engine.io.BadInputException;
import io.trace2train.engine.io.InputProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IfevalPromptReaderTest {

    private static IfevalPromptReader reader;

    @TempDir
    Path dir;

    @BeforeAll
    static void startEngine() {
        reader = new IfevalPromptReader(Engine.start(EngineConfig.defaults()).verifiers());
    }

    @Test
    void readsTheHuggingFaceVariantWithNullArguments() throws Exception {
        Path file = Files.writeString(dir.resolve("hf.jsonl"), """
                {"key": 7, "prompt": "Say hi", "instruction_id_list": ["punctuation:no_comma", "length_constraints:number_words"], "kwargs": [{"num_words": null, "relation": null, "keywords": null}, {"num_words": 3, "relation": "less than", "keywords": null}]}
                """);
        List<IfevalPrompt> prompts = reader.read(file);
        assertEquals(1, prompts.size());
        IfevalPrompt prompt = prompts.getFirst();
        assertEquals("7", prompt.key());
        assertTrue(prompt.verifiers().get(1).check("one two").passed());
        assertTrue(!prompt.verifiers().get(1).check("one two three").passed());
    }

    @Test
    void reportsEveryBadLineAndFieldWithFileAndLine() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.jsonl"), String.join("\n",
                "{\"key\": 1, \"prompt\": \"ok\", \"instruction_id_list\": [\"punctuation:no_comma\"], \"kwargs\": [{}]}",
                "{not json",
                "{\"key\": true, \"prompt\": 5, \"instruction_id_list\": [], \"kwargs\": []}",
                "{\"key\": 4, \"prompt\": \"p\", \"instruction_id_list\": [\"punctuation:no_commas\"], \"kwargs\": [{}]}",
                "{\"key\": 5, \"prompt\": \"p\", \"instruction_id_list\": [\"length_constraints:number_words\"],"
                        + " \"kwargs\": [{\"num_words\": \"ten\", \"relation\": \"at most\", \"colour\": 1}]}",
                "{\"key\": 6, \"prompt\": \"p\", \"instruction_id_list\": [\"punctuation:no_comma\"], \"kwargs\": []}",
                ""));
        BadInputException e = assertThrows(BadInputException.class, () -> reader.read(file));
        List<String> problems = e.problems().stream().map(InputProblem::toString).toList();
        assertEquals(8, problems.size(), e.getMessage());
        assertTrue(problems.get(0).startsWith(file + ":2: not valid JSON"), problems.get(0));
        assertEquals(file + ":3: key: expected an integer or a non-blank string", problems.get(1));
        assertEquals(file + ":3: prompt: expected a string", problems.get(2));
        assertTrue(problems.get(3).startsWith(file + ":4: instruction_id_list[0]: unknown instruction id "
                + "'punctuation:no_commas'; did you mean punctuation:no_comma?"), problems.get(3));
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(file + ":5: kwargs[0].colour: ")), e.getMessage());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(file + ":5: kwargs[0].num_words: "
                + "length_constraints:number_words: expected an integer but got \"ten\"")), e.getMessage());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(file + ":5: kwargs[0].relation: ")), e.getMessage());
        assertTrue(problems.get(7).startsWith(file + ":6: kwargs: expected a list of 1"), problems.get(7));
    }

    @Test
    void responsesJoinByExactPromptAndTheLastRowWins() throws Exception {
        Path file = Files.writeString(dir.resolve("r.jsonl"), """
                {"prompt": "a", "response": "first"}
                {"prompt": "a", "response": "second"}
                {"prompt": "b"}
                """);
        BadInputException e = assertThrows(BadInputException.class, () -> ResponseReader.read(file));
        assertEquals(List.of(file + ":3: response: expected a string"),
                e.problems().stream().map(InputProblem::toString).toList());

        Files.writeString(file, "{\"prompt\": \"a\", \"response\": \"first\"}\n{\"prompt\": \"a\", \"response\": \"second\"}\n");
        assertEquals(Map.of("a", "second"), ResponseReader.read(file).byPrompt());
    }

    @Test
    void stringKeysAreKeptAsWrittenAndFindResponsesAsIfbenchDoes() throws Exception {
        Path prompts = Files.writeString(dir.resolve("mixed.jsonl"), """
                {"key": "007", "prompt": "x", "instruction_id_list": ["punctuation:no_comma"], "kwargs": [{}]}
                {"key": 12345678901234567890, "prompt": "x", "instruction_id_list": ["punctuation:no_comma"], "kwargs": [{}]}
                {"key": "", "prompt": "y", "instruction_id_list": ["punctuation:no_comma"], "kwargs": [{}]}
                """);
        BadInputException e = assertThrows(BadInputException.class, () -> reader.read(prompts));
        assertEquals(List.of(prompts + ":3: key: expected an integer or a non-blank string"),
                e.problems().stream().map(InputProblem::toString).toList());
        Files.writeString(prompts, String.join("\n",
                "{\"key\": \"007\", \"prompt\": \"x\", \"instruction_id_list\": [], \"kwargs\": []}",
                "{\"key\": 12345678901234567890, \"prompt\": \"x\", \"instruction_id_list\": [], \"kwargs\": []}",
                "{\"key\": 3, \"prompt\": \"z\", \"instruction_id_list\": [], \"kwargs\": []}",
                "{\"key\": \"4\", \"prompt\": \" z\", \"instruction_id_list\": [], \"kwargs\": []}", ""));
        List<IfevalPrompt> rows = reader.read(prompts);
        // a string key as written; an integer in full, past 2^63
        assertEquals(List.of("007", "12345678901234567890", "3", "4"), rows.stream().map(IfevalPrompt::key).toList());
        assertEquals(List.of(Harness.IFBENCH, Harness.IFEVAL, Harness.IFEVAL, Harness.IFBENCH),
                rows.stream().map(IfevalPrompt::harness).toList());

        // IFBench files "x " under "x" too, after "x" itself: a later row wins, in IFBench's dictionary only
        Path responses = Files.writeString(dir.resolve("r.jsonl"), """
                {"prompt": "x", "response": "exact"}
                {"prompt": "x ", "response": "padded"}
                {"prompt": "z", "response": "zed"}
                """);
        Responses found = ResponseReader.read(responses);
        assertEquals("padded", found.of(rows.get(0)));
        assertEquals("exact", found.of(rows.get(1)));
        assertEquals("zed", found.of(rows.get(2)));
        assertEquals("zed", found.of(rows.get(3)), "the stripped prompt, for an IFBench row");
        assertEquals(null, found.of(new IfevalPrompt("5", Harness.IFEVAL, " z", List.of(), List.of())),
                "an IFEval row: the exact prompt only");
    }
}
