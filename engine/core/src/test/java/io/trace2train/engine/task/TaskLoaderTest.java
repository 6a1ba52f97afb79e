package io.trace2train.engine.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trace2train.api.task.ChatMessage;
import io.trace2train.api.task.ConstraintLevel;
import io.trace2train.api.task.TaskSpec;
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

class TaskLoaderTest {

    private static TaskLoader loader;

    @TempDir
    Path dir;

    @BeforeAll
    static void engine() {
        loader = new TaskLoader(Engine.start(EngineConfig.defaults()).verifiers());
    }

    @Test
    void readsChatTasksWithSystemPromptsLevelsPrioritiesAndWeights() throws Exception {
        Path file = Files.writeString(dir.resolve("t.jsonl"), """
                {"id": "chat", "system": "Be brief.", "messages": [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello"}, {"role": "user", "content": "Describe Rome"}], "constraints": [{"verifier": "punctuation:no_comma"}, {"verifier": "length_constraints:number_words", "args": {"num_words": 50, "relation": "less than"}, "level": "soft", "priority": 0, "weight": 0.25}]}
                {"id": "plain", "prompt": "Say hi"}
                """);
        List<TaskSpec> tasks = loader.load(file);

        TaskSpec chat = tasks.getFirst();
        assertEquals(List.of(ChatMessage.system("Be brief."), ChatMessage.user("Hi"), ChatMessage.assistant("Hello"),
                ChatMessage.user("Describe Rome")), chat.messages());
        assertEquals("Hi", chat.prompt());
        assertEquals(0, chat.constraints().get(0).priority(), "priority defaults to the position");
        assertEquals(ConstraintLevel.HARD, chat.constraints().get(0).level());
        assertEquals(ConstraintLevel.SOFT, chat.constraints().get(1).level());
        assertEquals(0.25, chat.constraints().get(1).weight());
        assertEquals(Map.of("num_words", 50, "relation", "less than"), chat.constraints().get(1).arguments());
        assertEquals(List.of(), tasks.get(1).constraints());
    }

    @Test
    void ifevalRowsLoadAsTasksIncludingTheHuggingFaceVariant() throws Exception {
        Path shared = Path.of(System.getProperty("trace2train.examples", "../examples"), "ifeval/input_data.jsonl");
        List<TaskSpec> tasks = loader.load(shared);
        assertEquals(541, tasks.size());
        assertEquals(834, tasks.stream().mapToInt(t -> t.constraints().size()).sum());
        assertEquals("1000", tasks.getFirst().id());

        Path hf = Files.writeString(dir.resolve("hf.jsonl"), "{\"key\": 5, \"prompt\": \"p\", \"instruction_id_list\":"
                + " [\"punctuation:no_comma\"], \"kwargs\": [{\"num_words\": null, \"keywords\": null}]}\n");
        assertEquals(Map.of(), loader.load(hf).getFirst().constraints().getFirst().arguments());
    }

    @Test
    void aJsonArrayFileGivesEachTaskItsLine() throws Exception {
        Path file = Files.writeString(dir.resolve("t.json"), """
                [
                  {"id": "a", "prompt": "x"},
                  {"id": "b", "prompt": "y",
                   "colour": "red"}
                ]
                """);
        BadInputException e = assertThrows(BadInputException.class, () -> loader.load(file));
        assertEquals(1, e.problems().size(), e::getMessage);
        assertTrue(e.problems().getFirst().toString().startsWith(file + ":3: colour: unknown field"), e::getMessage);
        Files.writeString(file, "[{\"id\": \"a\", \"prompt\": \"x\"}, {\"id\": \"b\", \"messages\": [{\"role\": \"user\","
                + " \"content\": \"y\"}]}]");
        assertEquals(List.of("a", "b"), loader.load(file).stream().map(TaskSpec::id).toList());
    }

    @Test
    void reportsEveryProblemWithItsLineAndField() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.jsonl"), String.join("\n",
                "{\"prompt\": \"no id\"}",
                "{\"id\": \"m\", \"messages\": [{\"role\": \"robot\", \"content\": \"x\"}]}",
                "{\"id\": \"c\", \"prompt\": \"x\", \"constraints\": [{\"verifier\": \"keywords:existence\", \"args\":"
                        + " {\"keywords\": \"cat\"}, \"weight\": 0}]}",
                "{\"id\": \"d\", \"prompt\": \"x\", \"constraints\": [{\"verifier\": \"startend:quotations\"}]}",
                ""));
        BadInputException e = assertThrows(BadInputException.class, () -> loader.load(file));
        List<String> problems = e.problems().stream().map(InputProblem::toString).toList();
        assertTrue(problems.contains(file + ":1: id: expected a non-empty string"), problems::toString);
        assertTrue(problems.contains(file + ":2: messages[0]: unknown role 'robot': expected system, user, assistant or tool"),
                problems::toString);
        assertTrue(problems.contains(file + ":3: constraints[0].weight: expected a number greater than 0 and at most 1000000"),
                problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(file + ":4: constraints[0].verifier: unknown"
                + " instruction id 'startend:quotations'; did you mean startend:quotation")), problems::toString);
    }

    @Test
    void aStreamedFileGivesTheTasksALoadGivesInOrderAndItsCheckCountsAndRejectsAsALoadDoes() throws Exception {
        Path shared = Path.of(System.getProperty("trace2train.examples", "../examples"), "ifeval/input_data.jsonl");
        List<TaskSpec> loaded = loader.load(shared);
        assertEquals(541, loader.check(shared));
        List<TaskSpec> streamed = new java.util.ArrayList<>();
        try (TaskStream stream = loader.stream(shared)) {
            stream.forEach(streamed::add);
        }
        assertEquals(loaded, streamed);

        // duplicates anywhere in a long file are caught by the id hashes, with the first line
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            rows.append("{\"id\": \"t").append(i % 4000).append("\", \"prompt\": \"p\"}\n");
        }
        Path file = Files.writeString(dir.resolve("dup.jsonl"), rows);
        BadInputException e = assertThrows(BadInputException.class, () -> loader.check(file));
        assertEquals(1000, e.problems().size(), e::getMessage);
        assertEquals(file + ":4001: id: duplicate task id 't0' (first on line 1)", e.problems().getFirst().toString());
    }
}
