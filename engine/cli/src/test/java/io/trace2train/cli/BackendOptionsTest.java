package io.trace2train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trace2train.testing.ExampleData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Every command that takes a backend spells its options the same way, and the jlama pre-flight check. */
class BackendOptionsTest {

    private static final List<String> SHORTCUTS = List.of("--backend", "--option", "--responses", "--model-dir",
            "--model", "--raw", "--quantize");

    @TempDir
    Path dir;

    private Path oneTask() throws Exception {
        return Files.writeString(dir.resolve("tasks.jsonl"), "{\"id\": \"t1\", \"prompt\": \"Tell a story.\","
                + " \"constraints\": [{\"verifier\": \"punctuation:no_comma\"}]}\n");
    }

    @Test
    void everyCommandWithABackendTakesTheSameShortcuts() {
        List<String> withBackend = new ArrayList<>();
        collect(Main.commandLine(), withBackend);
        assertTrue(withBackend.containsAll(List.of("trace2train run", "trace2train rollouts", "trace2train generate",
                "trace2train bench ifeval")), withBackend::toString);
    }

    private static void collect(CommandLine command, List<String> withBackend) {
        if (command.getCommandSpec().findOption("--backend") != null) {
            withBackend.add(command.getCommandSpec().qualifiedName());
            for (String option : SHORTCUTS) {
                assertNotNull(command.getCommandSpec().findOption(option),
                        command.getCommandSpec().qualifiedName() + " lacks " + option);
            }
        }
        command.getSubcommands().values().forEach(sub -> collect(sub, withBackend));
    }

    @Test
    void runAndRolloutsTakeModelDirAndRawLikeGenerate() throws Exception {
        Path tasks = oneTask();
        Path model = ExampleData.model("stories260K");
        CommandLineRun run = CommandLineRun.of("run", "--tasks", tasks, "--backend", "jlama", "--model-dir", model,
                "--raw", "--max-new-tokens", "8", "--out", dir.resolve("run"));
        assertEquals(Main.OK, run.exitCode(), run::toString);
        JsonNode options = new ObjectMapper().readTree(dir.resolve("run/manifest.json").toFile()).get("backend_options");
        assertEquals("true", options.get("raw").textValue());
        assertEquals(model.toAbsolutePath().toString(), options.get("model-dir").textValue());

        CommandLineRun rollouts = CommandLineRun.of("rollouts", "--tasks", tasks, "--forks", "2", "--backend", "jlama",
                "--model-dir", model, "--raw", "--max-new-tokens", "8", "--out", dir.resolve("forks"));
        assertEquals(Main.OK, rollouts.exitCode(), rollouts::toString);

        CommandLineRun twice = CommandLineRun.of("run", "--tasks", tasks, "--backend", "jlama", "--model-dir", model,
                "--raw", "--option", "raw=true", "--out", dir.resolve("twice"));
        assertEquals(Main.BAD_INPUT, twice.exitCode(), twice::toString);
        assertTrue(twice.err().contains("give --raw or --option raw=, not both"), twice::toString);
    }

    @Test
    void generateTakesTheReplayBackendsResponses() {
        CommandLineRun generate = CommandLineRun.of("generate", "--backend", "replay", "--responses",
                ExampleData.ifeval("responses_gpt4.jsonl"), "--prompt", firstPrompt());
        assertEquals(Main.OK, generate.exitCode(), generate::toString);
        assertTrue(generate.out().lines().toList().getLast().startsWith("prompt tokens:"), generate::toString);
    }

    private static String firstPrompt() {
        try {
            return new ObjectMapper().readTree(Files.readAllLines(ExampleData.ifeval("responses_gpt4.jsonl"))
                    .getFirst()).get("prompt").textValue();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aBaseModelWithoutRawStopsBeforeTheRunWithTheFix() throws Exception {
        Path tasks = oneTask();
        CommandLineRun run = CommandLineRun.of("run", "--tasks", tasks, "--backend", "jlama", "--model-dir",
                ExampleData.model("stories260K"), "--out", dir.resolve("run"));
        assertEquals(Main.BAD_INPUT, run.exitCode(), run::toString);
        assertTrue(run.err().contains("no chat template") && run.err().contains("raw=true (--raw)"), run::toString);
        assertFalse(Files.exists(dir.resolve("run")), "a run that cannot start leaves no folder");
    }

    @Test
    void helpHasNoColourCodesWhenNotATerminal() {
        StringWriter out = new StringWriter();
        int code = Main.run(new String[] {"run", "--help"}, new PrintWriter(out, true), new PrintWriter(out, true));
        assertEquals(Main.OK, code);
        assertTrue(out.toString().contains("--model-dir"), out::toString);
        assertFalse(out.toString().contains("\u001b"), "no escape codes in redirected help");
    }
}
