package io.trace2train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run holds its units in flight, not its tasks file: 100,000 tasks run in a child JVM with a 32 MB heap, where the
 * tasks alone (a few kB each once parsed with their verifiers) would need hundreds.
 */
class LargeRunMemoryIT {

    private static final int TASKS = 100_000;

    @TempDir
    Path dir;

    /** Distinct ids, one shared prompt (so the replay backend's recording is one row), a real check each. */
    private Path tasks(int count) throws Exception {
        Path file = dir.resolve("tasks.jsonl");
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            for (int i = 0; i < count; i++) {
                out.write("{\"id\": \"task-" + i + "\", \"prompt\": \"Describe a cat without commas.\", \"constraints\":"
                        + " [{\"verifier\": \"punctuation:no_comma\"}, {\"verifier\": \"length_constraints:number_words\","
                        + " \"args\": {\"relation\": \"at least\", \"num_words\": " + (i % 7) + "}}]}\n");
            }
        }
        Files.writeString(dir.resolve("responses.jsonl"),
                "{\"prompt\": \"Describe a cat without commas.\", \"response\": \"A cat purrs softly in the sun\"}\n");
        return file;
    }

    private Process run(Path tasks, String heap, Path out, Path log) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, heap, "-cp", System.getProperty("java.class.path"),
                "io.trace2train.cli.Main", "run", "--tasks", tasks.toString(), "--backend", "replay",
                "--responses", dir.resolve("responses.jsonl").toString(), "--concurrency", "2",
                "--out", out.toString()));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    @Test
    void aHundredThousandTasksRunInAThirtyTwoMegabyteHeap() throws Exception {
        Path tasks = tasks(TASKS);
        Path out = dir.resolve("run");
        Process child = run(tasks, "-Xmx32m", out, dir.resolve("child.log"));
        assertTrue(child.waitFor(15, TimeUnit.MINUTES), "the run ends");
        String log = Files.readString(dir.resolve("child.log"));
        assertEquals(Main.OK, child.exitValue(), log.length() > 4000 ? log.substring(log.length() - 4000) : log);
        assertTrue(log.contains(TASKS + " tasks, " + TASKS + " ran now"), log.substring(Math.max(0, log.length() - 2000)));
        try (var lines = Files.lines(out.resolve("records.jsonl"))) {
            assertEquals(TASKS, lines.count());
        }
    }
}
