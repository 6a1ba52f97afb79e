package io.trace2train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trace2train.engine.Engine;
import io.trace2train.engine.config.EngineConfig;
import io.trace2train.engine.io.BadInputException;
import io.trace2train.testing.ExampleData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuantizeCommandTest {

    private static final Path STORIES = ExampleData.model("stories260K");

    @TempDir
    Path dir;

    @Test
    void aQ4CopyIsSmallerLoadsAndStillTellsTheStory() throws Exception {
        Path q4 = dir.resolve("stories-q4");
        CommandLineRun quantize = CommandLineRun.of("quantize", "--model-dir", STORIES, "--dtype", "Q4", "--out", q4);
        assertEquals(Main.OK, quantize.exitCode(), quantize::toString);
        assertTrue(Files.size(q4.resolve("model.safetensors")) * 3 < Files.size(STORIES.resolve("model.safetensors")),
                quantize::toString);
        assertTrue(Files.isRegularFile(q4.resolve("generation_config.json")));

        CommandLineRun generate = CommandLineRun.of("generate", "--model-dir", q4, "--raw", "--prompt", "",
                "--temperature", "0", "--max-new-tokens", "12");
        assertEquals(Main.OK, generate.exitCode(), generate::toString);
        assertTrue(generate.out().startsWith("Once upon a time"), generate::toString);

        CommandLineRun atLoad = CommandLineRun.of("generate", "--model-dir", STORIES, "--raw", "--option",
                "quantize=Q4", "--prompt", "", "--temperature", "0", "--max-new-tokens", "12");
        assertEquals(Main.OK, atLoad.exitCode(), atLoad::toString);
        assertEquals(generate.out().lines().findFirst(), atLoad.out().lines().findFirst(),
                "quantising at load gives the pre-quantised model's text");
    }

    @Test
    void aGgufQ4FileIsAboutAQuarterOfF32AndLlamaCppTellsTheStoryFromIt() throws Exception {
        Path gguf = dir.resolve("stories.gguf");
        CommandLineRun quantize = CommandLineRun.of("quantize", "--format", "gguf", "--model-dir", STORIES, "--out",
                gguf);
        assertEquals(Main.OK, quantize.exitCode(), quantize::toString);
        assertTrue(quantize.out().contains("Q4_0 weights"), quantize::toString);
        // the 512 x 128 embeddings stay F16; the rest is 4.5 bits a weight
        assertTrue(Files.size(gguf) * 4 < Files.size(STORIES.resolve("model.safetensors")), quantize::toString);

        CommandLineRun generate = CommandLineRun.of("generate", "--backend", "llamacpp", "--option",
                "model=" + gguf, "--raw", "--prompt", "Once upon a time", "--temperature", "0", "--max-new-tokens",
                "12");
        assertEquals(Main.OK, generate.exitCode(), generate::toString);
        assertTrue(generate.out().contains(" the ") || generate.out().contains(" was "), generate::toString);

        CommandLineRun again = CommandLineRun.of("quantize", "--format", "gguf", "--model-dir", STORIES, "--out",
                gguf);
        assertEquals(Main.BAD_INPUT, again.exitCode(), again::toString);
        assertTrue(again.err().contains("stories.gguf exists"), again::toString);
        CommandLineRun badType = CommandLineRun.of("quantize", "--format", "gguf", "--model-dir", STORIES, "--dtype",
                "Q4", "--out", dir.resolve("x.gguf"));
        assertEquals(Main.BAD_INPUT, badType.exitCode(), badType::toString);
        assertTrue(badType.err().contains("expected one of [Q4_0, F16]"), badType::toString);
    }

    @Test
    void anUnknownTypeOrAUsedFolderIsABadInput() throws Exception {
        CommandLineRun badType = CommandLineRun.of("quantize", "--model-dir", STORIES, "--dtype", "Q3", "--out",
                dir.resolve("x"));
        assertEquals(Main.BAD_INPUT, badType.exitCode(), badType::toString);
        assertTrue(badType.err().contains("expected one of [Q4, Q5, I8, F16, BF16]"), badType::toString);
        Files.writeString(Files.createDirectories(dir.resolve("used")).resolve("keep.txt"), "mine");
        CommandLineRun used = CommandLineRun.of("quantize", "--model-dir", STORIES, "--out", dir.resolve("used"));
        assertEquals(Main.BAD_INPUT, used.exitCode(), used::toString);
        assertTrue(used.err().contains("is not empty"), used::toString);
    }

    @Test
    void theQuantiserComesFromTheBackendPluginAndABackendWithoutOneSaysWhichHaveOne() {
        Engine engine = Engine.start(EngineConfig.defaults());

        assertEquals(List.of("Q4", "Q5", "I8", "F16", "BF16"), engine.backends().quantizer("jlama").types());
        BadInputException none = assertThrows(BadInputException.class, () -> engine.backends().quantizer("replay"));
        assertEquals("backend replay writes no quantised models; backends that do: [jlama, llamacpp]",
                none.getMessage());
        assertEquals(List.of("Q4_0", "F16"), engine.backends().quantizer("llamacpp").types());
    }
}
