package io.trace2train.engine.agent;

import static io.trace2train.engine.agent.ScriptedAgent.calls;
import static io.trace2train.engine.agent.ScriptedAgent.says;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trace2train.api.backend.ForkSampling;
import io.trace2train.api.backend.Generation;
import io.trace2train.api.backend.GenerationRequest;
import io.trace2train.api.backend.ModelBackend;
import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.api.task.UserSpec;
import io.trace2train.engine.Engine;
import io.trace2train.engine.RunResult;
import io.trace2train.engine.RunSpec;
import io.trace2train.engine.SettingException;
import io.trace2train.engine.config.EngineConfig;
import io.trace2train.engine.io.JsonLines;
import io.trace2train.engine.record.RecordJson;
import io.trace2train.engine.run.SeedSequence;
import io.trace2train.engine.store.RecordValidator;
import io.trace2train.engine.store.RunDirectory;
import io.trace2train.testing.CallRecordingBackend;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rollouts branched at step k on a τ-bench airline task in {@code tau-airline}: the forks share the agent's first
 * call (get_user_details), computed once with the run seed at the run's temperature, and each continues with its own
 * seed and temperature in its own copy of the world; the cold forks cancel the right reservation, the hot ones
 * another.
 */
class BranchedForksTest {

    @TempDir
    Path dir;

    final TauAirlineAgentTest tasks = new TauAirlineAgentTest();

    /** Step 0 looks the user up; step 1 cancels the right reservation below temperature 1, another above. */
    static Generation script(GenerationRequest request) {
        if (ScriptedAgent.simulator(request)) {
            return says(UserSpec.STOP);
        }
        if (ScriptedAgent.step(request) == 0) {
            try {
                Thread.sleep(50); // the other forks start meanwhile and wait for the prefix
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return TauAirlineAgentTest.agent(request, request.settings().temperature() < 1.0 ? "Z7GOZK" : "XEHM4B");
    }

    static boolean agentStep(GenerationRequest request, long step) {
        return !ScriptedAgent.simulator(request) && ScriptedAgent.step(request) == step;
    }

    RunSpec.Builder spec(Path tasksFile, ModelBackend model) {
        return RunSpec.builder().tasks(tasksFile).backend("scripted").model(model).seed(7).temperature(0.7)
                .concurrency(4).forks(4, "0.5,1.5", 0).branchAt(1);
    }

    @Test
    void forksShareAPrefixComputedOnceAndContinueInWorldsOfTheirOwnAlsoAfterAResume() throws Exception {
        tasks.dir = dir;
        Path file = tasks.task();
        Engine engine = Engine.start(EngineConfig.defaults());
        ScriptedAgent model = new ScriptedAgent(BranchedForksTest::script);
        RunResult run = engine.runs().start(dir.resolve("run"), spec(file, model).build());

        assertEquals(List.of(), RecordValidator.validate(run.records()).problems());
        List<GenerationRequest> first = model.requests().stream().filter(r -> agentStep(r, 0)).toList();
        assertEquals(1, first.size(), "the prefix is computed once for the task's four forks");
        assertEquals(7, first.getFirst().settings().seed(), "with the run seed");
        assertEquals(0.7, first.getFirst().settings().temperature(), "at the run's temperature");

        List<ComplianceRecord> records = records(run.records());
        assertEquals(4, records.size());
        List<Object> shared = records.getFirst().episode().messages().subList(0, 4).stream().map(m -> (Object) m)
                .toList();
        for (ComplianceRecord record : records) {
            assertEquals(1, record.fork().branchAt());
            assertEquals(shared, record.episode().messages().subList(0, 4).stream().map(m -> (Object) m).toList());
            assertEquals("get_user_details", record.episode().messages().get(2).toolCalls().getFirst().name());
        }
        // each fork's own first call: its seed sequence from the prefix's next call on, at its temperature
        Set<Long> continued = model.requests().stream().filter(r -> agentStep(r, 1)).map(r -> r.settings().seed())
                .collect(Collectors.toSet());
        assertEquals(records.stream().map(r -> new SeedSequence(r.generation().seed(), r.taskId()).seed(1))
                .collect(Collectors.toSet()), continued);
        assertEquals(4, continued.size());
        // a fork never sees another's writes: each cold fork's cancellation earns the reward in its own world
        for (ComplianceRecord record : records) {
            boolean cold = record.generation().temperature() < 1.0;
            assertEquals(cold ? 1.0 : 0.0, record.reward().value(), () -> "fork " + record.fork());
        }
        assertEquals(1, records.stream().filter(r -> r.reward().value() == 1.0)
                .map(r -> r.environment().finalStateDigest()).distinct().count());
        assertEquals(1, JsonLines.mapper().readTree(run.folder().resolve(RunDirectory.MANIFEST).toFile())
                .path("rollout").path("branch_at").asInt());
        assertTrue(Files.readString(run.records()).contains("\"branch_at\":1"));
        // ranked by the one order: the forks that cancelled the right reservation first
        JsonNode ranked = JsonLines.mapper().readTree(Files.readAllLines(run.ranking().file()).getFirst()).get("forks");
        assertEquals(List.of(true, true, false, false), List.of(ranked.get(0).get("passed").asBoolean(),
                ranked.get(1).get("passed").asBoolean(), ranked.get(2).get("passed").asBoolean(),
                ranked.get(3).get("passed").asBoolean()));

        // a kill after two records: the resume computes the prefix again, the same way, for the forks left
        Path killed = Files.createDirectories(dir.resolve("killed"));
        List<String> lines = Files.readAllLines(run.records());
        Files.copy(run.folder().resolve(RunDirectory.MANIFEST), killed.resolve(RunDirectory.MANIFEST));
        Files.writeString(killed.resolve(RunDirectory.RECORDS), lines.get(0) + "\n" + lines.get(1) + "\n",
                StandardCharsets.UTF_8);
        ScriptedAgent again = new ScriptedAgent(BranchedForksTest::script);
        RunResult resumed = engine.runs().resume(killed, RunSpec.builder().model(again).forks(4, null, 0)
                .notGiven(RunSpec.Setting.TEMPERATURES).build());
        assertEquals(comparable(run.records()), comparable(resumed.records()));
        assertEquals(1, again.requests().stream().filter(r -> agentStep(r, 0)).count());

        SettingException other = assertThrows(SettingException.class, () -> engine.runs().resume(killed,
                RunSpec.builder().model(again).forks(4, null, 0).branchAt(2)
                        .notGiven(RunSpec.Setting.TEMPERATURES).build()));
        assertTrue(other.getMessage().contains("branch at: run"), other.getMessage());
    }

    /**
     * The scripted model as a local model that computes a shared conversation once: its generateForks calls, with
     * what each fork was sampled with, and the agent calls made alone.
     */
    static final class SharingAgent extends CallRecordingBackend {

        SharingAgent(boolean share) {
            super(new ScriptedAgent(BranchedForksTest::script), share);
        }

        /** The agent's calls alone at {@code step} (the user simulator's calls are not the agent's). */
        long alone(long step) {
            return alone().stream().filter(r -> !ScriptedAgent.simulator(r) && agentStep(r, step)).count();
        }
    }

    @Test
    void forksMakeTheirFirstCallAfterThePrefixTogetherAndRecordWhatForkByForkCallsWould() throws Exception {
        tasks.dir = dir;
        Path file = tasks.task();
        Engine engine = Engine.start(EngineConfig.defaults());
        SharingAgent shared = new SharingAgent(true);
        RunResult run = engine.runs().start(dir.resolve("shared"), spec(file, shared).build());

        assertEquals(List.of(), RecordValidator.validate(run.records()).problems());
        List<ComplianceRecord> records = records(run.records());
        assertEquals(4, records.size());
        assertEquals(1, shared.together().size(), "one call for the four forks' step 1: " + shared.together());
        assertEquals(0, shared.alone(1), "no fork makes its step 1 alone");
        assertEquals(1, shared.alone(0), "the prefix, once");
        // each fork sampled with the seed its episode derives for step 1, at its own temperature
        assertEquals(records.stream().map(r -> new ForkSampling(new SeedSequence(r.generation().seed(), r.taskId())
                .seed(1), r.generation().temperature())).toList(), shared.together().getFirst());

        SharingAgent separate = new SharingAgent(false);
        RunResult alone = engine.runs().start(dir.resolve("separate"), spec(file, separate).build());
        assertEquals(List.of(), separate.together());
        assertEquals(4, separate.alone(1));
        assertEquals(comparable(alone.records()), comparable(run.records()),
                "texts, tool calls, seeds, temperatures, token counts as fork by fork");

        // a kill after two records: the resume asks, in one call, for the two forks left
        Path killed = Files.createDirectories(dir.resolve("killed"));
        List<String> lines = Files.readAllLines(run.records());
        Files.copy(run.folder().resolve(RunDirectory.MANIFEST), killed.resolve(RunDirectory.MANIFEST));
        Files.writeString(killed.resolve(RunDirectory.RECORDS), lines.get(0) + "\n" + lines.get(1) + "\n",
                StandardCharsets.UTF_8);
        Set<Long> left = Set.of(JsonLines.mapper().readTree(lines.get(2)).at("/fork/index").asLong(),
                JsonLines.mapper().readTree(lines.get(3)).at("/fork/index").asLong());
        SharingAgent again = new SharingAgent(true);
        RunResult resumed = engine.runs().resume(killed, RunSpec.builder().model(again).forks(4, null, 0)
                .notGiven(RunSpec.Setting.TEMPERATURES).build());
        assertEquals(2, resumed.ran());
        assertEquals(1, again.together().size(), "one call for the forks left: " + again.together());
        assertEquals(records.stream().filter(r -> left.contains((long) r.fork().index()))
                .map(r -> new ForkSampling(new SeedSequence(r.generation().seed(), r.taskId()).seed(1),
                        r.generation().temperature())).toList(), again.together().getFirst());
        assertEquals(0, again.alone(1));
        assertEquals(comparable(run.records()), comparable(resumed.records()));
    }

    @Test
    void unbranchedForksMakeTheirFirstCallTogetherAndRecordWhatForkByForkCallsWould() throws Exception {
        tasks.dir = dir;
        Path file = tasks.task();
        Engine engine = Engine.start(EngineConfig.defaults());
        SharingAgent shared = new SharingAgent(true);
        RunResult run = engine.runs().start(dir.resolve("shared"), spec(file, shared).branchAt(0).build());

        List<ComplianceRecord> records = records(run.records());
        assertEquals(4, records.size());
        assertEquals(1, shared.together().size(), "one call for the four forks' step 0: " + shared.together());
        assertEquals(0, shared.alone(0));
        assertEquals(4, shared.alone(1), "later calls per fork");
        assertEquals(records.stream().map(r -> ForkSampling.of(r.generation())).toList(),
                shared.together().getFirst(), "each fork's own seed and temperature");

        SharingAgent separate = new SharingAgent(false);
        RunResult alone = engine.runs().start(dir.resolve("separate"), spec(file, separate).branchAt(0).build());
        assertEquals(4, separate.alone(0));
        assertEquals(comparable(alone.records()), comparable(run.records()));
    }

    @Test
    void aBranchPointPastTheEpisodesEndMakesEveryForkTheSharedEpisode() throws Exception {
        tasks.dir = dir;
        ScriptedAgent model = new ScriptedAgent(BranchedForksTest::script);
        RunResult run = Engine.start(EngineConfig.defaults()).runs().start(dir.resolve("past"),
                spec(tasks.task(), model).branchAt(10).build());

        List<ComplianceRecord> records = records(run.records());
        assertEquals(3, model.requests().stream().filter(r -> !ScriptedAgent.simulator(r)).count(),
                "the whole episode, once: it ended before step 10");
        for (ComplianceRecord record : records) {
            assertEquals(10, record.fork().branchAt());
            assertEquals(records.getFirst().episode(), record.episode());
            assertEquals(1.0, record.reward().value(), "the run's temperature, 0.7, cancels the right one");
        }
    }

    @Test
    void branchingTasksWithoutToolsIsRefusedBeforeAFolderIsMade() throws Exception {
        Path plain = Files.writeString(dir.resolve("plain.jsonl"), "{\"id\": \"p\", \"prompt\": \"Hi.\","
                + " \"constraints\": [{\"verifier\": \"punctuation:no_comma\"}]}\n");
        Engine engine = Engine.start(EngineConfig.defaults());
        SettingException e = assertThrows(SettingException.class, () -> engine.runs().start(dir.resolve("p"),
                spec(plain, new ScriptedAgent(BranchedForksTest::script)).build()));
        assertTrue(e.getMessage().contains("branch at: 1 branches the episodes of agent tasks"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("p")));
        SettingException negative = assertThrows(SettingException.class, () -> engine.runs().start(dir.resolve("n"),
                spec(plain, new ScriptedAgent(BranchedForksTest::script)).branchAt(-1).build()));
        assertTrue(negative.getMessage().contains("branch at must be 0"), negative.getMessage());
        SettingException plainRun = assertThrows(SettingException.class, () -> RunSpec.builder().branchAt(2).build());
        assertTrue(plainRun.getMessage().contains("branches a rollout's forks: give forks too"),
                plainRun.getMessage());
    }

    static List<ComplianceRecord> records(Path file) throws Exception {
        List<ComplianceRecord> records = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            records.add(RecordJson.read(line));
        }
        records.sort(Comparator.comparing(r -> r.fork().index()));
        return records;
    }

    static List<JsonNode> comparable(Path records) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(records)) {
            ObjectNode node = (ObjectNode) JsonLines.mapper().readTree(line);
            node.remove(List.of("record_id", "latency_ms", "run_id"));
            node.get("attempts").forEach(a -> ((ObjectNode) a).remove("latency_ms"));
            nodes.add(node);
        }
        nodes.sort(Comparator.comparing(n -> n.get("task_id").asText() + "#" + n.path("fork").path("index").asInt()));
        return nodes;
    }
}
