package io.trace2train.engine.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.trace2train.api.env.EnvironmentSpec;
import io.trace2train.api.task.ConstraintSpec;
import io.trace2train.api.task.TaskSpec;
import io.trace2train.api.task.UserSpec;
import io.trace2train.engine.Engine;
import io.trace2train.engine.config.EngineConfig;
import io.trace2train.engine.io.BadInputException;
import io.trace2train.engine.io.InputProblem;
import io.trace2train.engine.run.TaskHash;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Agent tasks in task files: tools, environment and the user side, each wrong field named by line. */
class AgentTaskLoaderTest {

    static final String TOOL = "{\"type\": \"function\", \"function\": {\"name\": \"add\", \"description\": \"Adds.\","
            + " \"parameters\": {\"type\": \"object\", \"properties\": {\"n\": {\"type\": \"integer\"}}}}}";

    private static TaskLoader loader;

    @TempDir
    Path dir;

    @BeforeAll
    static void engine() {
        loader = new TaskLoader(Engine.start(EngineConfig.defaults()).verifiers());
    }

    @Test
    void readsToolsEnvironmentAndEitherUserSide() throws Exception {
        Path file = Files.writeString(dir.resolve("agent.jsonl"), String.join("\n",
                "{\"id\": \"a\", \"prompt\": \"Add 2.\", \"tools\": [" + TOOL + "], \"environment\": {\"name\":"
                        + " \"counter\", \"options\": {\"start\": 3}}, \"user\": {\"turns\": [\"Again.\"]},"
                        + " \"constraints\": [{\"verifier\": \"tool:known\"}]}",
                "{\"id\": \"b\", \"prompt\": \"Hi.\", \"tools\": [" + TOOL + "], \"environment\": \"tau-airline\","
                        + " \"user\": {\"simulator\": {\"instruction\": \"You want a refund.\"}}}",
                "{\"id\": \"c\", \"prompt\": \"Add.\", \"tools\": [" + TOOL + "]}", ""));

        List<TaskSpec> tasks = loader.load(file);

        TaskSpec a = tasks.get(0);
        assertEquals(List.of("add"), a.tools().stream().map(t -> t.name()).toList());
        assertEquals(new EnvironmentSpec("counter", Map.of("start", "3")), a.environment());
        assertEquals(UserSpec.scripted(List.of("Again.")), a.user());
        assertEquals(List.of(ConstraintSpec.hard("tool:known", Map.of(), 0)), a.constraints());
        assertEquals(UserSpec.simulated("You want a refund."), tasks.get(1).user());
        assertEquals(EnvironmentSpec.of("tau-airline"), tasks.get(1).environment());
        assertNull(tasks.get(2).user());
        assertNull(tasks.get(2).environment());
    }

    @Test
    void everyWrongAgentFieldIsNamedByLine() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.jsonl"), String.join("\n",
                "{\"id\": \"t\", \"prompt\": \"x\", \"tools\": {\"name\": \"add\"}}",
                "{\"id\": \"u\", \"prompt\": \"x\", \"tools\": [" + TOOL + ", " + TOOL + "]}",
                "{\"id\": \"v\", \"prompt\": \"x\", \"tools\": [{\"type\": \"function\", \"function\": {}}]}",
                "{\"id\": \"w\", \"prompt\": \"x\", \"tools\": [" + TOOL + "], \"environment\": 7}",
                "{\"id\": \"x\", \"prompt\": \"x\", \"tools\": [" + TOOL + "], \"user\": {\"turns\": []}}",
                "{\"id\": \"y\", \"prompt\": \"x\", \"tools\": [" + TOOL + "], \"user\": {\"turns\": [\"a\", 2]}}",
                "{\"id\": \"z\", \"prompt\": \"x\", \"tools\": [" + TOOL + "], \"user\": {\"simulator\": {}}}",
                "{\"id\": \"zz\", \"prompt\": \"x\", \"tools\": [" + TOOL + "], \"user\": {\"turns\": [\"a\"],"
                        + " \"simulator\": {\"instruction\": \"b\"}}}",
                "{\"id\": \"p\", \"prompt\": \"x\", \"user\": {\"turns\": [\"a\"]}, \"environment\": \"counter\"}",
                "{\"id\": \"q\", \"prompt\": \"x\", \"tools\": [" + TOOL + "], \"user\": {\"simulator\":"
                        + " {\"instruction\": \"b\", \"persona\": \"c\"}}}",
                ""));

        BadInputException e = assertThrows(BadInputException.class, () -> loader.load(file));

        List<String> problems = e.problems().stream().map(InputProblem::toString)
                .map(p -> p.substring(file.toString().length() + 1)).toList();
        assertEquals(List.of(
                "1: tools: expected a list of function definitions",
                "2: tools[1]: tool 'add' is offered twice",
                "3: tools[0]: tool: field 'name' must be a string, got nothing",
                "4: environment: expected a name or {name, options}",
                "5: user.turns: expected a non-empty list of strings",
                "6: user.turns[1]: expected a string",
                "7: user.simulator.instruction: expected a non-blank string",
                "8: user: expected {\"turns\": [\"...\"]} or {\"simulator\": {\"instruction\": \"...\"}}",
                "9: environment: a task with an environment lists the tools it offers in 'tools'",
                "9: user: a user side needs 'tools': only agent tasks (with tools) run turn by turn",
                "10: user.simulator.persona: unknown field; a simulator has instruction"), problems);
    }

    @Test
    void aPlainTaskHashesAsItAlwaysDid() {
        TaskSpec plain = TaskSpec.ofPrompt("k1", "Write a haiku.", List.of(ConstraintSpec.hard(
                "punctuation:no_comma", Map.of(), 0)));
        // the hash the engine gave this task before tasks had user sides (computed with the api of 3883a24)
        assertEquals("sha256:8736ff4b83fbca91a632a40a38ea945c1dabea23d31a1d6ecb26f83970a1c19e", TaskHash.of(plain));
        TaskSpec agent = new TaskSpec("k1", plain.messages(), plain.constraints(), plain.tools(), null,
                UserSpec.scripted(List.of("more")));
        org.junit.jupiter.api.Assertions.assertNotEquals(TaskHash.of(plain), TaskHash.of(agent));
    }
}
