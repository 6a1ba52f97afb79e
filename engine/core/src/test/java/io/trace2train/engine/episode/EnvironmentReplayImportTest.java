package io.trace2train.engine.episode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.engine.Engine;
import io.trace2train.engine.ImportResult;
import io.trace2train.engine.ImportSpec;
import io.trace2train.engine.config.EngineConfig;
import io.trace2train.testing.PluginJarBuilder;
import io.trace2train.engine.record.RecordJson;
import io.trace2train.engine.store.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replay of imported episodes in a plugin's environment (a counter): in call order, parallel calls included. */
class EnvironmentReplayImportTest {

    @TempDir
    Path dir;

    private static String call(String id, String n) {
        return "{\"id\": \"" + id + "\", \"type\": \"function\", \"function\": {\"name\": \"add\", \"arguments\": \""
                + n + "\"}}";
    }

    private static String result(String id, String content) {
        return "{\"role\": \"tool\", \"tool_call_id\": \"" + id + "\", \"name\": \"add\", \"content\": \"" + content
                + "\"}";
    }

    private static String episode(String environment, String... turns) {
        return "{" + environment + "\"messages\": [{\"role\": \"user\", \"content\": \"count\"}, "
                + String.join(", ", turns) + ", {\"role\": \"assistant\", \"content\": \"done\"}]}";
    }

    @Test
    void callsAreReplayedInOrderOnOneEnvironmentAndTheirLoggedResultsCompared() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        PluginJarBuilder.counterEnvironmentPlugin("test.counter", "counting", "counter", "1.0.0")
                .build(plugins.resolve("counter.jar"));
        Engine engine = Engine.start(EngineConfig.defaults().withPluginDirectory(plugins));
        Path log = Files.write(dir.resolve("log.jsonl"), List.of(
                // two parallel calls, then one: 2, 5 (logged 6: a log from another world), 9
                episode("\"environment\": \"counter\", ", "{\"role\": \"assistant\", \"content\": null,"
                        + " \"tool_calls\": [" + call("a", "2") + ", " + call("b", "3") + "]}", result("a", "2"),
                        result("b", "6"), "{\"role\": \"assistant\", \"content\": null, \"tool_calls\": ["
                        + call("c", "4") + "]}", result("c", "9")),
                // the environment's options travel with the line: it starts at 10
                episode("\"environment\": {\"name\": \"counter\", \"options\": {\"start\": 10}}, ",
                        "{\"role\": \"assistant\", \"content\": null, \"tool_calls\": [" + call("a", "1") + "]}",
                        result("a", "11")),
                episode("\"environment\": \"abacus\", ", "{\"role\": \"assistant\", \"content\": \"hi\"}"),
                // the counter's add throws on arguments that are not a number: that episode is reported, not the run
                episode("\"environment\": \"counter\", ", "{\"role\": \"assistant\", \"content\": null,"
                        + " \"tool_calls\": [" + call("a", "x") + "]}", result("a", "?"))));
        Path folder = dir.resolve("run");

        ImportResult result = engine.imports().start(folder, ImportSpec.builder("openai", log).build());

        assertEquals(2, result.imported());
        assertEquals(2, result.skipped().size());
        assertEquals(List.of(3, 4), result.skipped().stream().map(p -> p.line()).toList());
        assertEquals(List.of("environment", "environment"), result.skipped().stream().map(p -> p.field()).toList());
        assertTrue(result.skipped().get(1).message().startsWith("environment 'counter' threw while replaying the"
                + " episode: java.lang.NumberFormatException"), result.skipped().get(1).message());
        assertEquals(4, result.resultsCompared());
        assertEquals(1, result.resultsDiffering());
        List<ComplianceRecord> records = new ArrayList<>();
        for (String json : Files.readAllLines(folder.resolve(RunDirectory.RECORDS))) {
            records.add(RecordJson.read(json));
        }
        assertEquals("9", records.get(0).environment().finalStateDigest());
        assertEquals("counter", records.get(0).environment().name());
        assertEquals("1.0.0", records.get(0).environment().version());
        assertEquals(List.of("message 3, call b (add): the log's tool result differs from what counter returns on"
                + " replay: 5"), records.get(0).notes());
        assertEquals(Integer.toHexString(11), records.get(1).environment().finalStateDigest());
        assertEquals(List.of(), records.get(1).notes());
        // the tools came from the environment, the log offered none
        assertEquals("add", records.get(0).episode().tools().getFirst().name());
        // with an environment and no state reward loaded, the usual default
        assertEquals("constraint_share", records.get(0).reward().function());
    }
}
