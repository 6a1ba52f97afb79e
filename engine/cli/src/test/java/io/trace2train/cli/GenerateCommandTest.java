package io.trace2train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trace2train.testing.ExampleData;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class GenerateCommandTest {

    private static final Path STORIES = ExampleData.model("stories260K");

    @Test
    void greedyStories260kPrintsLlama2csStoryThenTheTokenLine() {
        CommandLineRun run = CommandLineRun.of("generate", "--backend", "jlama", "--model-dir", STORIES, "--raw",
                "--prompt", "", "--temperature", "0", "--max-new-tokens", "40");
        assertEquals(Main.OK, run.exitCode(), run::toString);
        assertTrue(run.out().startsWith("Once upon a time, there was a little girl named Lily."), run::toString);
        assertTrue(run.out().lines().toList().getLast()
                .matches("prompt tokens: 1, completion tokens: 40, [0-9.]+ tokens/s"), run::toString);
    }

    @Test
    void aModelWithoutAChatTemplateNeedsRaw() {
        CommandLineRun run = CommandLineRun.of("generate", "--model-dir", STORIES, "--prompt", "Hello");
        assertEquals(Main.BAD_INPUT, run.exitCode(), run::toString);
        assertTrue(run.err().contains("no chat template") && run.err().contains("--raw"), run::toString);
    }
}
