package io.trace2train.engine.agent;

import static io.trace2train.engine.agent.ScriptedAgent.calls;
import static io.trace2train.engine.agent.ScriptedAgent.says;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trace2train.api.backend.Generation;
import io.trace2train.api.backend.GenerationRequest;
import io.trace2train.api.env.ToolCall;
import io.trace2train.engine.Engine;
import io.trace2train.engine.RunResult;
import io.trace2train.engine.RunSpec;
import io.trace2train.engine.SettingException;
import io.trace2train.engine.config.EngineConfig;
import io.trace2train.engine.io.JsonLines;
import io.trace2train.engine.store.RecordValidator;
import io.trace2train.engine.store.RunDirectory;
import io.trace2train.testing.PluginJarBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Agent tasks through {@code Engine.runs()}: the runner is picked per task, refusals come first, resume is exact. */
class AgentRunsTest {

    @TempDir
    static Path plugins;

    @TempDir
    Path dir;

    static Engine engine;

    @BeforeAll
    static void counter() throws Exception {
        PluginJarBuilder.counterEnvironmentPlugin("test.runs", "counting", "counter", "1.0.0")
                .build(plugins.resolve("counter.jar"));
        engine = Engine.start(EngineConfig.defaults().withPluginDirectory(plugins));
    }

    /** Adds a seed-dependent amount twice, then says the total; a plain task (no tools) gets its answer. */
    static Generation script(GenerationRequest request) {
        if (request.tools().isEmpty()) {
            return says("A plain answer.");
        }
        long step = ScriptedAgent.step(request);
        return step < 2 ? calls(new ToolCall("c" + step, "add", Long.toString(request.settings().seed() % 50)))
                : says("total " + ScriptedAgent.last(request).content());
    }

    Path tasks() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            lines.add("{\"id\": \"agent-" + i + "\", \"prompt\": \"Add twice.\", \"tools\": [" + TOOL
                    + "], \"environment\": \"counter\", \"constraints\": [{\"verifier\": \"tool:known\"},"
                    + " {\"verifier\": \"tool:answered\"}]}");
        }
        lines.add("{\"id\": \"plain\", \"prompt\": \"Say hi.\", \"constraints\": [{\"verifier\":"
                + " \"punctuation:no_comma\"}]}");
        return Files.write(dir.resolve("tasks.jsonl"), lines);
    }

    static final String TOOL = "{\"type\": \"function\", \"function\": {\"name\": \"add\", \"description\": \"Adds.\","
            + " \"parameters\": {\"type\": \"object\"}}}";

    RunSpec.Builder spec(Path tasks, Function<GenerationRequest, Generation> script) {
        return RunSpec.builder().tasks(tasks).backend("scripted").model(new ScriptedAgent(script)).seed(7)
                .concurrency(2);
    }

    @Test
    void agentTasksRunAsEpisodesBesidePlainOnesAndAResumeAfterAKillGivesTheSameRecords() throws Exception {
        Path tasks = tasks();
        RunResult whole = engine.runs().start(dir.resolve("whole"), spec(tasks, AgentRunsTest::script).build());

        List<JsonNode> records = comparable(whole.records());
        assertEquals(7, records.size());
        JsonNode plain = records.stream().filter(r -> r.get("task_id").asText().equals("plain")).findFirst()
                .orElseThrow();
        assertTrue(plain.path("episode").isMissingNode());
        assertEquals("A plain answer.", plain.get("final_output").asText());
        JsonNode agent = records.stream().filter(r -> r.get("task_id").asText().equals("agent-0")).findFirst()
                .orElseThrow();
        assertEquals(6, agent.get("episode").get("messages").size());
        assertEquals("counter", agent.get("environment").get("name").asText());
        // tasks in an environment are rewarded by the state reward unless another is named
        assertEquals("state", agent.get("reward").get("function").asText());
        assertEquals(List.of(), RecordValidator.validate(whole.records()).problems());
        // the run's meters count the episodes as attempts beside the plain task's
        assertEquals(7.0, whole.meters().get("trace2train.attempts[mode=direct, strategy=generate].count"));

        // a kill mid-run: two records written, the third torn; the resume finishes it as the uninterrupted run did
        Path killed = Files.createDirectories(dir.resolve("killed"));
        List<String> lines = Files.readAllLines(whole.records());
        Files.copy(whole.folder().resolve(RunDirectory.MANIFEST), killed.resolve(RunDirectory.MANIFEST));
        Files.writeString(killed.resolve(RunDirectory.RECORDS), lines.get(0) + "\n" + lines.get(1) + "\n"
                + lines.get(2).substring(0, lines.get(2).length() / 2), StandardCharsets.UTF_8);
        ScriptedAgent resumedModel = new ScriptedAgent(AgentRunsTest::script);
        RunResult resumed = engine.runs().resume(killed, RunSpec.builder().model(resumedModel).build());

        assertEquals(records, comparable(resumed.records()));
        String finished = JsonLines.mapper().readTree(lines.get(0)).get("task_id").asText();
        assertFalse(resumedModel.requests().stream().anyMatch(r -> r.taskId().equals(finished)),
                "finished units are not run");
    }

    @Test
    void aBackendWithoutToolsIsRefusedBeforeAnyCallOrFolder() throws Exception {
        Path tasks = tasks();
        ScriptedAgent noTools = new ScriptedAgent(AgentRunsTest::script, false);
        SettingException backend = assertThrows(SettingException.class, () -> engine.runs().start(
                dir.resolve("a"), RunSpec.builder().tasks(tasks).backend("scripted").model(noTools).build()));
        assertTrue(backend.getMessage().contains("backend 'scripted-agent' (model script) does not support tool"
                + " calling"), backend.getMessage());
        assertEquals(List.of(), noTools.requests());
        assertFalse(Files.exists(dir.resolve("a").resolve(RunDirectory.MANIFEST)));
    }

    @Test
    void theBudgetIsARunSettingKeptInTheManifestCheckedAndComparedOnResume() throws Exception {
        Path tasks = tasks();
        SettingException wrong = assertThrows(SettingException.class, () -> engine.runs().start(dir.resolve("w"),
                spec(tasks, AgentRunsTest::script).maxSteps(0).maxToolCalls(-1).maxTokens(0)
                        .episodeTimeout(java.time.Duration.ZERO).build()));
        assertEquals(List.of("max steps", "max tool calls", "max tokens", "episode timeout"),
                wrong.settings().stream().map(SettingException.Problem::setting).toList());

        RunResult run = engine.runs().start(dir.resolve("b"), spec(tasks, AgentRunsTest::script).maxSteps(2)
                .build());
        JsonNode manifest = JsonLines.mapper().readTree(run.folder().resolve(RunDirectory.MANIFEST).toFile());
        assertEquals(2, manifest.get("agent_budget").get("max_steps").asInt());
        List<JsonNode> records = comparable(run.records());
        // two steps, both tool calls: every agent episode ends on the budget; the plain task is untouched
        assertEquals(6, records.stream().filter(r -> r.path("error").path("kind").asText().equals("budget"))
                .count());
        SettingException conflict = assertThrows(SettingException.class, () -> engine.runs().resume(run.folder(),
                RunSpec.builder().model(new ScriptedAgent(AgentRunsTest::script)).maxSteps(3).build()));
        assertEquals("max steps", conflict.setting());
        // a run that keeps the defaults writes no budget: manifests of plain runs are as they were
        RunResult plain = engine.runs().start(dir.resolve("p"), spec(tasks, AgentRunsTest::script).build());
        assertTrue(JsonLines.mapper().readTree(plain.folder().resolve(RunDirectory.MANIFEST).toFile())
                .path("agent_budget").isMissingNode());
    }

    @Test
    void aTaskNamingAnUnknownEnvironmentIsBadInputBeforeTheRun() throws Exception {
        Path tasks = Files.write(dir.resolve("t.jsonl"), List.of("{\"id\": \"a\", \"prompt\": \"x\", \"tools\": ["
                + TOOL + "], \"environment\": \"abacus\"}"));
        Exception e = assertThrows(io.trace2train.engine.io.BadInputException.class, () -> engine.runs().start(
                dir.resolve("c"), spec(tasks, AgentRunsTest::script).build()));
        assertTrue(e.getMessage().contains("task a: unknown environment 'abacus'"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("c").resolve(RunDirectory.MANIFEST)));
    }

    /** The records by task, without what differs between two runs of the same work (ids, timings). */
    static List<JsonNode> comparable(Path records) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(records)) {
            ObjectNode node = (ObjectNode) JsonLines.mapper().readTree(line);
            node.remove(List.of("record_id", "latency_ms"));
            node.get("attempts").forEach(a -> ((ObjectNode) a).remove("latency_ms"));
            nodes.add(node);
        }
        nodes.sort(Comparator.comparing(n -> n.get("task_id").asText()));
        return nodes;
    }
}
