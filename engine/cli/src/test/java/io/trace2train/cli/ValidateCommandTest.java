package io.trace2train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trace2train.testing.ExampleData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

    @TempDir
    Path dir;

    @Test
    void reportsEachInvalidLineWithItsFieldAndFailsTheRun() throws Exception {
        Path run = dir.resolve("run");
        CommandLineRun made = CommandLineRun.of("run", "--tasks", ExampleData.ifeval("input_data.jsonl"), "--mode",
                "full_pcl", "--backend", "replay", "--responses", ExampleData.ifeval("responses_gpt4.jsonl"), "--out", run);
        assertEquals(Main.OK, made.exitCode(), made::toString);
        List<String> lines = Files.readAllLines(run.resolve("records.jsonl"));
        Path mixed = Files.write(dir.resolve("mixed.jsonl"), List.of(
                lines.get(0),
                lines.get(1).replace("\"rounds_used\":", "\"rounds_used\":\"many\",\"was\":"),
                lines.get(2).replace("\"schema_version\":\"compliance-eval-record/v1\"",
                        "\"schema_version\":\"compliance-eval-record/v0\""),
                lines.get(3).substring(0, 50)));

        CommandLineRun validate = CommandLineRun.of("validate", mixed);

        assertEquals(Main.WORK_FAILED, validate.exitCode(), validate::toString);
        String out = validate.out();
        assertTrue(out.contains(mixed + ":2: $.rounds_used: string found, integer expected"), out);
        assertTrue(out.contains(mixed + ":2: $: property 'was' is not defined in the schema"), out);
        assertTrue(out.contains(mixed + ":3: $.schema_version:"), out);
        assertTrue(out.contains(mixed + ":4: not valid JSON"), out);
        assertTrue(out.lines().noneMatch(l -> l.startsWith(mixed + ":1:")), out);
        assertTrue(out.contains("4 records, 3 invalid"), out);

        CommandLineRun missing = CommandLineRun.of("validate", dir.resolve("none.jsonl"));
        assertEquals(Main.BAD_INPUT, missing.exitCode(), missing::toString);
    }
}
