package io.trace2train.engine.episode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trace2train.api.env.ToolDefinition;
import io.trace2train.api.task.ChatMessage;
import io.trace2train.api.task.Role;
import io.trace2train.api.task.TaskSpec;
import io.trace2train.engine.Engine;
import io.trace2train.engine.config.EngineConfig;
import io.trace2train.engine.io.BadInputException;
import io.trace2train.testing.ExampleData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped τ-bench airline tasks file is exactly what {@link TauBenchTasks} derives from the shipped trajectories,
 * and the task loader reads it back to the same tasks. Run with {@code -Dtau.tasks.write=true} to (re)write the file
 * from the trajectories (the only way it is made: no hand edits).
 */
class TauBenchTasksTest {

    private static final Path FILE = ExampleData.root().resolve("tau-bench/airline/tasks.jsonl");

    @TempDir
    Path dir;

    static List<TaskSpec> derived(Engine engine) {
        List<ToolDefinition> tools = engine.environments().get("tau-airline").create(java.util.Map.of()).tools();
        return TauBenchTasks.derive(ExampleData.tauBench("airline/trajectories_gpt4o.jsonl"), tools);
    }

    @Test
    void theShippedFileIsWhatTheImporterDerivesAndLoadsBackToTheSameTasks() throws Exception {
        Engine engine = Engine.start(EngineConfig.defaults());
        List<TaskSpec> tasks = derived(engine);
        String expected = String.join("\n", tasks.stream().map(TauBenchTasks::line).toList()) + "\n";
        if (Boolean.getBoolean("tau.tasks.write")) {
            Files.writeString(FILE, expected, StandardCharsets.UTF_8);
        }
        assertEquals(expected, Files.readString(FILE, StandardCharsets.UTF_8),
                "examples/tau-bench/airline/tasks.jsonl is made by TauBenchTasks: rerun with -Dtau.tasks.write=true");

        assertEquals(50, tasks.size());
        assertEquals(tasks, engine.runs().tasks(FILE), "the loader reads back what was written");
        TaskSpec first = tasks.getFirst();
        assertEquals("0", first.id());
        assertEquals(List.of(Role.SYSTEM, Role.USER), first.messages().stream().map(ChatMessage::role).toList());
        assertTrue(first.messages().getFirst().content().startsWith("# Airline Agent Policy"));
        assertEquals(Files.readString(ExampleData.tauBench("airline/wiki.md")).strip(),
                first.messages().getFirst().content().strip(), "the policy is the system prompt");
        assertTrue(first.user().simulator().instruction().contains("mia_li_3668"), first.user().toString());
        assertEquals(List.of("env:state_matches", "answer:told_user", "tool:known", "tool:arguments_valid",
                "tool:answered"), first.constraints().stream().map(c -> c.verifier()).toList());
        assertEquals(14, first.tools().size());
        assertEquals("tau-airline", first.environment().name());
        assertTrue(tasks.stream().anyMatch(t -> !((List<?>) t.constraints().get(1).arguments().get("outputs"))
                .isEmpty()), "some tasks have outputs the agent must tell the user");
    }

    @Test
    void aLogTaskWithoutAnInstructionIsNamedByLine() throws Exception {
        Path log = Files.writeString(dir.resolve("log.jsonl"), "{\"task_id\": 3, \"trial\": 0, \"messages\": ["
                + "{\"role\": \"user\", \"content\": \"hi\"}, {\"role\": \"assistant\", \"content\": \"hello\"}],"
                + " \"task\": {\"user_id\": \"u\", \"actions\": [], \"outputs\": []}}\n");
        BadInputException e = org.junit.jupiter.api.Assertions.assertThrows(BadInputException.class,
                () -> TauBenchTasks.derive(log, List.of()));
        assertTrue(e.getMessage().contains("log.jsonl:1: task.instruction"), e.getMessage());
    }
}
