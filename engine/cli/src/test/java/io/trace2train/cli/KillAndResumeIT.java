package io.trace2train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trace2train.testing.ExampleData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run killed with SIGKILL mid-way loses no finished record, and resuming it runs each task exactly once. */
class KillAndResumeIT {

    private static final int COPIES = 8;

    @TempDir
    Path dir;

    @Test
    void killNineThenResume() throws Exception {
        Path tasks = manyTasks();
        Path out = dir.resolve("run");
        Path records = out.resolve("records.jsonl");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "io.trace2train.cli.Main", "run", "--tasks", tasks.toString(), "--mode", "full_pcl",
                "--backend", "replay", "--responses", ExampleData.ifeval("responses_gpt4.jsonl").toString(),
                "--concurrency", "2", "--out", out.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (lines(records) < 300 && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(child.isAlive(), "the run ended before it could be killed: " + Files.readString(dir.resolve("child.log")));
        child.destroyForcibly().waitFor(); // SIGKILL: no shutdown hooks, no flushing
        long before = lines(records);
        assertTrue(before >= 300 && before < 541L * COPIES, "records when killed: " + before);

        CommandLineRun resumed = CommandLineRun.of("run", "--tasks", tasks, "--resume", out);
        assertEquals(Main.OK, resumed.exitCode(), resumed::toString);

        ObjectMapper json = new ObjectMapper();
        List<String> ids = new ArrayList<>();
        for (String line : Files.readAllLines(records)) {
            ids.add(json.readTree(line).get("task_id").textValue()); // every line parses
        }
        assertEquals(541 * COPIES, ids.size());
        assertEquals(541 * COPIES, ids.stream().distinct().count(), "no task ran twice");
        CommandLineRun validate = CommandLineRun.of("validate", records);
        assertEquals(Main.OK, validate.exitCode(), validate::toString);
    }

    private static long lines(Path file) throws Exception {
        if (!Files.exists(file)) {
            return 0;
        }
        try (var stream = Files.lines(file)) {
            return stream.count();
        }
    }

    /** IFEval's prompts, several times over under distinct keys: enough work to kill mid-run. */
    private Path manyTasks() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> rows = Files.readAllLines(ExampleData.ifeval("input_data.jsonl"));
        List<String> copies = new ArrayList<>();
        for (int copy = 0; copy < COPIES; copy++) {
            for (String row : rows) {
                ObjectNode node = (ObjectNode) json.readTree(row);
                node.put("key", node.get("key").longValue() + 100_000L * copy);
                copies.add(json.writeValueAsString(node));
            }
        }
        return Files.write(dir.resolve("tasks.jsonl"), copies);
    }
}
