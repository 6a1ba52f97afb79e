package io.trace2train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trace2train.testing.ExampleData;
import io.trace2train.testing.PluginJarBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exit code tells the user's mistakes from the engine's: bad input is exit 2 with every problem named in the
 * command line's flags; an {@link IllegalArgumentException} from an invariant is a bug, reported as one.
 */
class BadInputVersusBugTest {

    @TempDir
    Path dir;

    @Test
    void everyWrongSettingIsListedAtOnceInTheFlagsAndNoFolderIsLeft() throws Exception {
        Path tasks = dir.resolve("tasks.jsonl");
        Files.write(tasks, Files.readAllLines(ExampleData.ifeval("input_data.jsonl")).subList(0, 2));
        Path out = dir.resolve("run");
        CommandLineRun run = CommandLineRun.of("rollouts", "--tasks", tasks, "--backend", "replay", "--responses",
                ExampleData.ifeval("responses_gpt4.jsonl"), "--retries", "-1", "--concurrency", "0", "--top-p",
                "1.5", "--forks", "0", "--temperatures", "linear:x", "--out", out);

        assertEquals(Main.BAD_INPUT, run.exitCode(), run::toString);
        assertTrue(run.err().contains("5 settings are wrong:"), run::toString);
        for (String problem : new String[] {"--retries must be 0 or more, got -1",
                "--concurrency must be at least 1, got 0", "--top-p must be in (0, 1], got 1.5",
                "--forks must be between 1 and", "--temperatures: temperature schedule 'linear:x'"}) {
            assertTrue(run.err().contains(problem), () -> problem + " in " + run);
        }
        assertFalse(run.err().contains("internal error"), run::toString);
        assertFalse(Files.exists(out));
    }

    @Test
    void inputOnceReportedThroughIllegalArgumentExceptionIsStillBadInput() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertBadInput("unknown mode 'fastest'", "bench", "run", "--mode", "fastest");
        assertBadInput("format sft has no flavor 'nope'", "export", "--run", empty, "--format", "sft", "--flavor",
                "nope", "--out", dir.resolve("x.jsonl"));
        assertBadInput("format sft: argument 'select': must be one of [passing, best], got 'worst'", "export",
                "--run", empty, "--format", "sft", "--option", "select=worst", "--out", dir.resolve("x.jsonl"));
        assertBadInput("holds no run", "run", "--resume", empty);
        assertBadInput("--top-p must be in (0, 1], got 1.5", "generate", "--prompt", "Hello", "--top-p", "1.5");
        assertBadInput("--tasks and --rollout-tasks must be 0 or more, got -1 and 12", "demo", "--tasks", "-1",
                "--out", dir.resolve("demo"));
        assertBadInput("unknown backend 'replai'", "run", "--tasks", ExampleData.ifeval("input_data.jsonl"),
                "--backend", "replai", "--out", dir.resolve("run"));
    }

    private static void assertBadInput(String message, Object... args) {
        CommandLineRun run = CommandLineRun.of(args);
        assertEquals(Main.BAD_INPUT, run.exitCode(), run::toString);
        assertTrue(run.err().contains(message), () -> message + " in " + run);
        assertFalse(run.err().contains("internal error"), run::toString);
    }

    @Test
    void anInvariantFailingInsideAPluginIsReportedAsABugNotAsBadInput() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        // an exporter whose factory breaks its own invariant: the user's command line is fine
        new PluginJarBuilder().source("com.example.broken.BrokenPlugin", """
                package com.example.broken;

                import io.trace2train.api.export.Exporter;
                import io.trace2train.api.export.ExporterFactory;
                import io.trace2train.api.plugin.Plugin;
                import java.util.List;
                import java.util.Map;

                public final class BrokenPlugin implements Plugin {
                    public String name() { return "broken"; }

                    public List<ExporterFactory> exporterFactories() {
                        return List.of(new ExporterFactory() {
                            public String name() { return "broken"; }
                            public String description() { return "Breaks an invariant."; }
                            public String version() { return "1.0.0"; }
                            public List<String> flavors() { return List.of("plain"); }
                            public Exporter create(String flavor, Map<String, String> options) {
                                throw new IllegalArgumentException("row counter went negative: -1");
                            }
                        });
                    }
                }
                """).service("com.example.broken.BrokenPlugin").build(plugins.resolve("broken.jar"));

        CommandLineRun export = CommandLineRun.of("--plugins", plugins, "export", "--run", dir, "--format", "broken",
                "--out", dir.resolve("rows.jsonl"));

        assertEquals(Main.WORK_FAILED, export.exitCode(), export::toString);
        assertTrue(export.err().contains("internal error (a bug in trace2train or a plugin, not a problem with your"
                + " input): java.lang.IllegalArgumentException: row counter went negative: -1"), export::toString);
        assertTrue(export.err().contains("please report it"), export::toString);
        assertTrue(export.err().contains("com.example.broken.BrokenPlugin$1.create(BrokenPlugin.java:"),
                "the trace to report: " + export);
        assertFalse(Files.exists(dir.resolve("rows.jsonl")));
    }
}
