package io.trace2train.engine.episode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.engine.Engine;
import io.trace2train.engine.config.EngineConfig;
import io.trace2train.engine.ImportResult;
import io.trace2train.engine.ImportSpec;
import io.trace2train.engine.io.JsonLines;
import io.trace2train.engine.record.RecordJson;
import io.trace2train.engine.store.RecordValidator;
import io.trace2train.engine.store.RunDirectory;
import io.trace2train.environments.tau.airline.TauAirlineEnvironmentFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The 200 shipped GPT-4o airline episodes imported through the engine and replayed in {@code tau-airline}: every
 * logged tool result compared with the environment's, a state digest for every episode. The episodes are given in
 * OpenAI's format (their messages, task id, environment), so the structural constraints are all they need; the
 * τ-bench format adds {@code env:state_matches} and {@code answer:told_user}, which the {@code agent} plugin provides.
 */
class TauAirlineImportTest {

    @TempDir
    Path dir;

    @Test
    void everyShippedEpisodeIsReplayedAndItsLoggedResultsCompared() throws Exception {
        String environment = new TauAirlineEnvironmentFactory().name();
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(EpisodeLogReaderTest.TAU_BENCH)) {
            JsonNode episode = JsonLines.mapper().readTree(line);
            ObjectNode openai = JsonLines.mapper().createObjectNode();
            openai.put("task_id", "airline-" + episode.get("task_id").asText());
            openai.set("messages", episode.get("messages"));
            openai.put("environment", environment);
            lines.add(JsonLines.mapper().writeValueAsString(openai));
        }
        Path log = Files.write(dir.resolve("airline.jsonl"), lines);
        Engine engine = Engine.start(EngineConfig.defaults());
        Path folder = dir.resolve("run");

        ImportResult result = engine.imports().start(folder, ImportSpec.builder("openai", log).concurrency(2).build());

        assertEquals(List.of(), result.skipped());
        assertEquals(200, result.read());
        assertEquals(200, result.imported());
        // τ-bench's own tools give the same figures on these logs: the log's users.json is older ("province")
        assertEquals(1164, result.resultsCompared());
        assertEquals(120, result.resultsDiffering());
        List<ComplianceRecord> records = new ArrayList<>();
        for (String json : Files.readAllLines(folder.resolve(RunDirectory.RECORDS))) {
            records.add(RecordJson.read(json));
        }
        assertEquals(200, records.size());
        List<String> differing = records.stream().flatMap(r -> r.notes().stream()).toList();
        assertEquals(120, differing.size());
        assertTrue(differing.stream().allMatch(n -> n.matches("message \\d+, call call_\\w+ \\(get_user_details\\):"
                + " the log's tool result differs from what tau-airline returns on replay: .*")), differing.get(0));
        // a state digest for every episode: the initial state's where the agent changed nothing
        String initial = engine.environments().get(environment).create(Map.of()).stateDigest();
        Set<String> writes = Set.of("book_reservation", "cancel_reservation", "update_reservation_flights",
                "update_reservation_passengers", "update_reservation_baggages", "send_certificate");
        int unchanged = 0;
        for (ComplianceRecord record : records) {
            assertEquals(environment, record.environment().name());
            boolean wrote = record.episode().calls().stream().anyMatch(c -> writes.contains(c.call().name()));
            if (!wrote) {
                assertEquals(initial, record.environment().finalStateDigest(), record.taskId());
                unchanged++;
            }
        }
        assertTrue(unchanged > 0 && unchanged < 200, unchanged + " episodes wrote nothing");
        assertTrue(records.stream().map(r -> r.environment().finalStateDigest()).distinct().count() > 50);
        // the tools came from the environment: the log names none
        assertEquals(14, records.getFirst().episode().tools().size());
        // each task's four trials are its forks, in file order
        Map<String, List<Integer>> forks = records.stream().collect(Collectors.groupingBy(
                ComplianceRecord::taskId, TreeMap::new, Collectors.mapping(r -> r.fork().index(),
                        Collectors.toList())));
        assertEquals(50, forks.size());
        assertTrue(forks.values().stream().allMatch(List.of(0, 1, 2, 3)::equals), forks.toString());
        assertTrue(records.stream().allMatch(r -> r.fork().forks() == 4));
        assertEquals(200, result.rewards().values().stream().mapToInt(Integer::intValue).sum());
        assertEquals(List.of(), RecordValidator.validate(folder.resolve(RunDirectory.RECORDS)).problems());
    }
}
