package io.trace2train.engine.episode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trace2train.api.param.InvalidArgumentsException;
import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.api.record.ConstraintResult;
import io.trace2train.api.task.ConstraintSpec;
import io.trace2train.engine.Engine;
import io.trace2train.engine.config.EngineConfig;
import io.trace2train.engine.ImportResult;
import io.trace2train.engine.ImportSpec;
import io.trace2train.engine.io.BadInputException;
import io.trace2train.engine.record.RecordJson;
import io.trace2train.engine.store.RecordValidator;
import io.trace2train.engine.store.RunDirectory;
import io.trace2train.engine.store.RunManifest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code Engine.imports()} on OpenAI-format logs: records, forks, verdicts, skipped episodes, resume. */
class ImportsTest {

    @TempDir
    static Path plugins;

    @TempDir
    Path dir;

    static Engine engine;

    @BeforeAll
    static void engine() throws Exception {
        engine = Engine.start(EngineConfig.defaults());
    }

    private static String line(String taskId, String user, String answer, String extra) {
        return "{" + (taskId == null ? "" : "\"task_id\": \"" + taskId + "\", ") + "\"model\": \"gpt-4o\","
                + " \"messages\": [{\"role\": \"system\", \"content\": \"Answer in lower case.\"}, {\"role\": \"user\","
                + " \"content\": \"" + user + "\"}, {\"role\": \"assistant\", \"content\": null, \"tool_calls\": ["
                + "{\"id\": \"c1\", \"type\": \"function\", \"function\": {\"name\": \"lookup\", \"arguments\":"
                + " \"{\\\"q\\\": 1}\"}}, {\"id\": \"c2\", \"type\": \"function\", \"function\": {\"name\": \"lookup\","
                + " \"arguments\": \"{\\\"q\\\": 2}\"}}]}, {\"role\": \"tool\", \"tool_call_id\": \"c1\", \"content\":"
                + " \"one\"}, {\"role\": \"tool\", \"tool_call_id\": \"c2\", \"content\": \"two\"}, {\"role\":"
                + " \"assistant\", \"content\": \"" + answer + "\"}], \"tools\": [{\"type\": \"function\","
                + " \"function\": {\"name\": \"lookup\", \"parameters\": {\"type\": \"object\"}}}]" + extra + "}";
    }

    private static final String LOWER_CASE = ", \"constraints\": [{\"verifier\": \"change_case:english_lowercase\"}]";

    private List<String> log() {
        return List.of(
                line("t1", "What is x?", "it is one", LOWER_CASE),
                line("t1", "What is x, again?", "It Is One", LOWER_CASE),
                line(null, "Same prompt", "fine", ""),
                "{\"messages\": [{\"role\": \"tool\", \"tool_call_id\": \"zz\", \"content\": \"x\"}]}",
                line(null, "Same prompt", "fine too", ""),
                line("t2", "Other", "ok", ""));
    }

    private static List<ComplianceRecord> records(Path folder) throws Exception {
        List<ComplianceRecord> records = new ArrayList<>();
        for (String json : Files.readAllLines(folder.resolve(RunDirectory.RECORDS), StandardCharsets.UTF_8)) {
            records.add(RecordJson.read(json));
        }
        return records;
    }

    @Test
    void eachEpisodeBecomesATaskAndARecordJudgedOnTheEpisode() throws Exception {
        Path log = Files.write(dir.resolve("agent.jsonl"), log());
        Path folder = dir.resolve("run");

        ImportResult result = engine.imports().start(folder, ImportSpec.builder("openai", log)
                .constraint(ConstraintSpec.hard("punctuation:no_comma", Map.of(), 0)).concurrency(3).build());

        assertEquals(6, result.read());
        assertEquals(5, result.imported());
        assertEquals(1, result.skippedEpisodes());
        assertEquals(log + ":4: messages[0].tool_call_id: a tool result for call 'zz', which no assistant message"
                + " before it made", result.skipped().getFirst().toString());
        assertEquals(0, result.resultsCompared()); // no environment: nothing to replay
        String firstLine = Files.readAllLines(folder.resolve(RunDirectory.RECORDS)).getFirst();
        assertTrue(firstLine.contains("\"episode\":{\"messages\""), firstLine);
        List<ComplianceRecord> records = records(folder);
        assertEquals(List.of(1L, 2L, 3L, 5L, 6L), records.stream().map(r -> r.source().line()).toList());
        ComplianceRecord first = records.getFirst();
        assertEquals("t1", first.taskId());
        assertEquals("direct", first.mode());
        assertEquals("gpt-4o", first.model().name());
        assertEquals("log", first.model().backend());
        assertEquals("openai", first.source().format());
        assertEquals("agent.jsonl", first.source().file());
        assertNull(first.source().loggedReward());
        assertEquals(2, first.promptMessages().size());
        assertEquals(6, first.episode().messages().size());
        assertEquals("it is one", first.finalOutput());
        assertEquals(1, first.attempts().size());
        assertEquals("import", first.attempts().getFirst().strategy());
        assertEquals(0, first.tokens().total());
        // the line's constraint, the import's, then the structural ones, each judged
        assertEquals(List.of("change_case:english_lowercase", "punctuation:no_comma", "tool:known",
                "tool:arguments_valid", "tool:answered"),
                first.finalConstraints().stream().map(ConstraintResult::verifier).toList());
        assertTrue(first.passed());
        // the answer-scope verifier judged the final answer: the second episode's is not lower case
        ComplianceRecord second = records.get(1);
        assertFalse(second.passed());
        assertEquals(List.of(0), second.finalViolations());
        // forks: the order within a task key, out of that key's episode count
        assertEquals(List.of("t1 0/2", "t1 1/2", "h 0/2", "h 1/2", "t2 0/1"), records.stream()
                .map(r -> (r.taskId().startsWith("episode-") ? "h" : r.taskId()) + " " + r.fork().index() + "/"
                        + r.fork().forks()).toList());
        assertEquals(records.get(2).taskId(), records.get(3).taskId());
        assertEquals(Map.of(0.8, 1, 1.0, 4), result.rewards()); // constraint_share: no environment, no state reward
        RecordValidator.Report report = RecordValidator.validate(folder.resolve(RunDirectory.RECORDS));
        assertEquals(List.of(), report.problems());
        assertEquals(5, report.records());
        RunManifest manifest = RunDirectory.readManifest(folder);
        assertEquals("log", manifest.backend());
        assertEquals("openai", manifest.backendOptions().get("format"));
    }

    @Test
    void aResumeAfterAKillImportsWhatIsMissingOnceAndKeepsWhatWasWritten() throws Exception {
        Path log = Files.write(dir.resolve("agent.jsonl"), log());
        Path folder = dir.resolve("run");
        engine.imports().start(folder, ImportSpec.builder("openai", log)
                .constraint(ConstraintSpec.hard("punctuation:no_comma", Map.of(), 0)).build());
        List<String> written = Files.readAllLines(folder.resolve(RunDirectory.RECORDS));
        // killed while writing the third record: two whole lines and a torn one are on disk
        Files.writeString(folder.resolve(RunDirectory.RECORDS), written.get(0) + "\n" + written.get(1) + "\n"
                + written.get(2).substring(0, 100));

        List<String> notes = new ArrayList<>();
        ImportResult resumed = engine.imports().resume(folder, null, new ImportSpec.ImportListener() {
            @Override
            public void note(String message) {
                notes.add(message);
            }
        });

        assertEquals(2, resumed.alreadyImported());
        assertEquals(3, resumed.imported());
        assertEquals(1, notes.size());
        assertTrue(notes.getFirst().startsWith("cut a torn last line of 100 bytes"), notes.getFirst());
        List<ComplianceRecord> records = records(folder);
        assertEquals(5, records.size());
        Set<String> units = new HashSet<>();
        records.forEach(r -> assertTrue(units.add(r.taskId() + "#" + r.fork().index()), "twice: " + r.taskId()));
        // the two records written before the kill are kept as they were; the rest carry the constraints of the run
        assertEquals(written.subList(0, 2), Files.readAllLines(folder.resolve(RunDirectory.RECORDS)).subList(0, 2));
        assertEquals("punctuation:no_comma", records.get(4).finalConstraints().get(0).verifier());
        assertEquals(List.of(), RecordValidator.validate(folder.resolve(RunDirectory.RECORDS)).problems());

        ImportResult again = engine.imports().resume(folder);
        assertEquals(0, again.imported());
        assertEquals(5, again.alreadyImported());
        assertEquals(5, records(folder).size());
    }

    @Test
    void aLogWithNoGoodEpisodeFailsWithEveryProblemAndLeavesNoFolder() throws Exception {
        Path log = Files.write(dir.resolve("bad.jsonl"), List.of(
                "{\"messages\": [{\"role\": \"assistant\", \"content\": \"hi\"}]}",
                "{\"messages\": [{\"role\": \"developer\", \"content\": \"x\"}, {\"role\": \"user\", \"content\":"
                        + " \"y\"}]}"));
        Path folder = dir.resolve("run");

        BadInputException e = assertThrows(BadInputException.class,
                () -> engine.imports().start(folder, ImportSpec.builder("openai", log).build()));

        assertEquals(List.of(log + ":1: messages: no user message: an episode starts from one",
                log + ":2: messages[0].role: unknown role 'developer': expected system, user, assistant or tool"),
                e.problems().stream().map(Object::toString).toList());
        assertFalse(Files.exists(folder));
    }

    @Test
    void unknownSettingsAreRefusedBeforeAnythingIsWritten() throws Exception {
        Path log = Files.write(dir.resolve("agent.jsonl"), log());
        Path folder = dir.resolve("run");

        assertTrue(assertThrows(BadInputException.class, () -> engine.imports().start(folder,
                ImportSpec.builder("langchain", log).build())).getMessage().contains("expected openai or tau-bench"));
        assertTrue(assertThrows(BadInputException.class, () -> engine.imports().start(folder,
                ImportSpec.builder("openai", log).environment("no-such-world").build())).getMessage()
                .contains("no-such-world"));
        assertTrue(assertThrows(BadInputException.class, () -> engine.imports().start(folder,
                ImportSpec.builder("openai", log).reward("no_such_reward").build())).getMessage()
                .contains("no_such_reward"));
        // a plugin's option is checked by the API's argument binding: bad input of its own type
        assertTrue(assertThrows(InvalidArgumentsException.class, () -> engine.imports().start(folder,
                ImportSpec.builder("openai", log).environment("tau-airline").environmentOption("seed", "1").build()))
                .getMessage().contains("seed"));
        assertFalse(Files.exists(folder.resolve(RunDirectory.MANIFEST)));
    }
}
