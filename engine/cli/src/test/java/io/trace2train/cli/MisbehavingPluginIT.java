package io.trace2train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trace2train.testing.PluginJarBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin verifier that misbehaves on some responses: spins in {@code while (true)} ignoring interrupts, overflows
 * its stack, or throws. Every unit still ends with a record, the healthy ones run, and the run says what happened.
 */
class MisbehavingPluginIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /**
     * bad:check passes "fine", spins forever on SPIN, recurses without end on DEEP, fills the heap on HOG, throws on
     * BOOM.
     */
    private Path plugins() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        String code = """
                package com.example.bad;

                import io.trace2train.api.plugin.Plugin;
                import io.trace2train.api.param.*;
                import io.trace2train.api.verify.*;
                import java.util.List;

                public final class BadPlugin implements Plugin {
                    public String name() { return "bad"; }

                    static int deeper(int n) { return deeper(n + 1) + 1; }

                    public List<VerifierFactory> verifierFactories() {
                        return List.of(new VerifierFactory() {
                            public String id() { return "bad:unbuildable"; }
                            public String version() { return "0.1.0"; }
                            public String description() { return "Cannot be built."; }
                            public List<ParameterSpec> parameters() { return List.of(); }
                            public Verifier create(VerifierArguments arguments) {
                                throw new IllegalStateException("no verifier today");
                            }
                        }, new VerifierFactory() {
                            public String id() { return "bad:check"; }
                            public String version() { return "0.1.0"; }
                            public String description() { return "Misbehaves on purpose."; }
                            public List<ParameterSpec> parameters() { return List.of(); }
                            public Verifier create(VerifierArguments arguments) {
                                return new Verifier() {
                                    public String id() { return "bad:check"; }
                                    public String version() { return "0.1.0"; }
                                    public Verdict check(String response) {
                                        if (response.contains("SPIN")) {
                                            long n = 0;
                                            while (true) {
                                                n++;
                                            }
                                        }
                                        if (response.contains("DEEP")) {
                                            deeper(0);
                                        }
                                        if (response.contains("HOG")) {
                                            // 16 GB at once: more than the heap, so the JVM refuses it whole
                                            long[] hog = new long[Integer.MAX_VALUE - 8];
                                            hog[1] = hog.length;
                                        }
                                        if (response.contains("BOOM")) {
                                            throw new IllegalStateException("boom");
                                        }
                                        return new Verdict(id(), version(), true, null, "fine", "", List.of());
                                    }
                                };
                            }
                        });
                    }
                }
                """;
        new PluginJarBuilder().source("com.example.bad.BadPlugin", code).service("com.example.bad.BadPlugin")
                .build(plugins.resolve("bad.jar"));
        return plugins;
    }

    /** Tasks named by what their recorded answer makes the verifier do; writes tasks.jsonl and responses.jsonl. */
    private Path tasks(String... answers) throws Exception {
        List<String> tasks = new ArrayList<>();
        List<String> responses = new ArrayList<>();
        for (int i = 0; i < answers.length; i++) {
            String id = "t" + i + "-" + answers[i];
            tasks.add(JSON.writeValueAsString(Map.of("id", id, "prompt", "prompt " + id,
                    "constraints", List.of(Map.of("verifier", "bad:check")))));
            responses.add(JSON.writeValueAsString(Map.of("prompt", "prompt " + id, "response", answers[i])));
        }
        Files.write(dir.resolve("responses.jsonl"), responses);
        return Files.write(dir.resolve("tasks.jsonl"), tasks);
    }

    private static Map<String, JsonNode> records(Path run) throws Exception {
        Map<String, JsonNode> byTask = new LinkedHashMap<>();
        for (String line : Files.readAllLines(run.resolve("records.jsonl"))) {
            JsonNode record = JSON.readTree(line);
            assertTrue(byTask.put(record.get("task_id").textValue(), record) == null, "one record per task: " + line);
        }
        return byTask;
    }

    private static String errorKind(JsonNode record) {
        return record.path("error").path("kind").asText("");
    }

    @Test
    void aCheckStuckInACpuLoopIsAbandonedWithATimeoutRecordAndPastTheCapTheRunStopsResumably() throws Exception {
        Path plugins = plugins();
        Path tasks = tasks("fine", "SPIN", "fine", "SPIN", "fine", "SPIN", "fine", "fine");
        Path out = dir.resolve("run");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // a child JVM: the threads it abandons spin until it exits
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "io.trace2train.cli.Main", "--plugins", plugins.toString(), "run", "--tasks", tasks.toString(),
                "--backend", "replay", "--responses", dir.resolve("responses.jsonl").toString(),
                "--concurrency", "1", "--unit-timeout", "1", "--out", out.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the run ends although its checks never do");
        String log = Files.readString(dir.resolve("child.log"));
        assertEquals(Main.WORK_FAILED, child.exitValue(), log);
        assertTrue(log.contains("trace2train: stopped: 3 units did not stop") && log.contains("--resume " + out),
                log);

        // one worker slot, yet the fine tasks after each stuck one ran: an abandoned unit frees its slot
        Map<String, JsonNode> records = records(out);
        assertEquals(List.of("t0-fine", "t1-SPIN", "t2-fine", "t3-SPIN", "t4-fine", "t5-SPIN"),
                List.copyOf(records.keySet()), log);
        for (JsonNode record : records.values()) {
            boolean stuck = record.get("task_id").textValue().endsWith("SPIN");
            assertEquals(stuck ? "timeout" : "", errorKind(record), record::toString);
            assertEquals(!stuck, record.get("passed").booleanValue(), record::toString);
            if (stuck) {
                assertTrue(record.get("error").get("message").textValue().contains("its thread was abandoned"),
                        record::toString);
                assertEquals("verify", record.get("error").get("stage").textValue(), record::toString);
            }
        }
        assertEquals(Main.OK, CommandLineRun.of("validate", out.resolve("records.jsonl")).exitCode());

        // the folder resumes: the tasks not yet run run now, the stuck ones keep their timeout records
        CommandLineRun resumed = CommandLineRun.of("--plugins", plugins, "run", "--tasks", tasks, "--resume", out);
        assertEquals(Main.OK, resumed.exitCode(), resumed::toString);
        records = records(out);
        assertEquals(8, records.size(), records::toString);
        assertTrue(records.get("t7-fine").get("passed").booleanValue());
    }

    @Test
    void aVerifierThatOverflowsItsStackOrThrowsEndsItsUnitWithARecordAndTheRunSaysSo() throws Exception {
        Path plugins = plugins();
        Path tasks = tasks("fine", "DEEP", "BOOM", "fine");
        Path out = dir.resolve("run");
        CommandLineRun run = CommandLineRun.of("--plugins", plugins, "run", "--tasks", tasks, "--backend", "replay",
                "--responses", dir.resolve("responses.jsonl"), "--concurrency", "2", "--out", out);

        assertEquals(Main.WORK_FAILED, run.exitCode(), run::toString);
        assertTrue(run.out().contains("4 ran now"), run::toString);
        assertTrue(run.err().contains("crashed: unit t1-DEEP: verifier 'bad:check' threw java.lang.StackOverflowError"),
                run::toString);
        Map<String, JsonNode> records = records(out);
        assertEquals(4, records.size(), records::toString);
        assertEquals("crash", errorKind(records.get("t1-DEEP")));
        assertEquals("verify", records.get("t1-DEEP").get("error").get("stage").textValue());
        assertEquals("verifier", errorKind(records.get("t2-BOOM")));
        assertTrue(records.get("t2-BOOM").get("error").get("message").textValue()
                .contains("verifier 'bad:check' threw java.lang.IllegalStateException: boom"));
        assertFalse(records.get("t1-DEEP").get("passed").booleanValue());
        assertTrue(records.get("t0-fine").get("passed").booleanValue() && records.get("t3-fine").get("passed")
                .booleanValue());

        // the errored units have their records: a resume runs nothing again and loses nothing
        CommandLineRun resumed = CommandLineRun.of("--plugins", plugins, "run", "--tasks", tasks, "--resume", out);
        assertEquals(Main.OK, resumed.exitCode(), resumed::toString);
        assertTrue(resumed.out().contains("0 ran now (4 already done"), resumed::toString);
        assertEquals(4, Files.readAllLines(out.resolve("records.jsonl")).size());
    }

    @Test
    void runningOutOfMemoryEndsTheRunWithOneLineLeavingAResumableFolder() throws Exception {
        Path plugins = plugins();
        Path tasks = tasks("fine", "HOG", "fine", "fine");
        Path out = dir.resolve("run");
        CommandLineRun run = CommandLineRun.of("--plugins", plugins, "run", "--tasks", tasks, "--backend", "replay",
                "--responses", dir.resolve("responses.jsonl"), "--concurrency", "1", "--out", out);

        assertEquals(Main.WORK_FAILED, run.exitCode(), run::toString);
        assertTrue(run.err().contains("trace2train: out of memory") && run.err().contains("--resume"), run::toString);
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run);
        // the unit that ran out has its record; no unit started after it
        Map<String, JsonNode> records = records(out);
        assertEquals(List.of("t0-fine", "t1-HOG"), List.copyOf(records.keySet()), run::toString);
        assertEquals("crash", errorKind(records.get("t1-HOG")));
        assertTrue(records.get("t1-HOG").get("error").get("message").textValue().contains("OutOfMemoryError"));

        CommandLineRun resumed = CommandLineRun.of("--plugins", plugins, "run", "--tasks", tasks, "--resume", out);
        assertEquals(Main.OK, resumed.exitCode(), resumed::toString);
        assertEquals(java.util.Set.of("t0-fine", "t1-HOG", "t2-fine", "t3-fine"), records(out).keySet());
    }

    @Test
    void aPluginFactoryThatThrowsIsAProblemOfItsTaskLineNotACrash() throws Exception {
        Path plugins = plugins();
        Path tasks = Files.writeString(dir.resolve("tasks.jsonl"), """
                {"id": "a", "prompt": "x", "constraints": [{"verifier": "bad:check"}]}
                {"id": "b", "prompt": "y", "constraints": [{"verifier": "bad:unbuildable"}]}
                """);
        Files.writeString(dir.resolve("responses.jsonl"), "");
        CommandLineRun run = CommandLineRun.of("--plugins", plugins, "run", "--tasks", tasks, "--backend", "replay",
                "--responses", dir.resolve("responses.jsonl"), "--out", dir.resolve("run"));

        assertEquals(Main.BAD_INPUT, run.exitCode(), run::toString);
        assertTrue(run.err().contains(tasks + ":2: constraints[0].verifier: verifier 'bad:unbuildable' could not be"
                + " created: java.lang.IllegalStateException: no verifier today"), run::toString);
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run);
    }

    @Test
    void verifyCountsAThrowingVerifiersInstructionAsNotFollowedAndGoesOnWithTheRest() throws Exception {
        Path plugins = plugins();
        Path prompts = Files.writeString(dir.resolve("p.jsonl"), """
                {"key": 1, "prompt": "One", "instruction_id_list": ["bad:check", "punctuation:no_comma"], "kwargs": [{}, {}]}
                {"key": 2, "prompt": "Two", "instruction_id_list": ["bad:check"], "kwargs": [{}]}
                {"key": 3, "prompt": "Three", "instruction_id_list": ["bad:check"], "kwargs": [{}]}
                """);
        Path responses = Files.writeString(dir.resolve("r.jsonl"), """
                {"prompt": "One", "response": "DEEP down"}
                {"prompt": "Two", "response": "fine"}
                {"prompt": "Three", "response": "BOOM"}
                """);
        CommandLineRun run = CommandLineRun.of("--plugins", plugins, "verify", "--prompts", prompts,
                "--responses", responses, "--out", dir.resolve("out"));

        assertEquals(Main.WORK_FAILED, run.exitCode(), run::toString);
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run);
        assertTrue(run.err().contains("key 1: instruction 0 'bad:check' could not be checked:"
                + " java.lang.StackOverflowError"), run::toString);
        assertTrue(run.err().contains("key 3: instruction 0 'bad:check' could not be checked:"
                + " java.lang.IllegalStateException: boom"), run::toString);
        assertTrue(run.err().contains("2 prompt(s) had instructions that could not be checked"), run::toString);
        List<String> strict = Files.readAllLines(dir.resolve("out/eval_results_strict.jsonl"));
        assertEquals(3, strict.size());
        assertTrue(strict.get(0).contains("\"follow_instruction_list\": [false, true]"), strict.get(0));
        assertTrue(strict.get(1).contains("\"follow_instruction_list\": [true]"), strict.get(1));
        assertTrue(strict.get(2).contains("\"follow_instruction_list\": [false]"), strict.get(2));
    }

    @Test
    void verifyAbandonsAPromptWhoseCheckNeverEndsAndJudgesTheRest() throws Exception {
        Path plugins = plugins();
        Path prompts = Files.writeString(dir.resolve("p.jsonl"), """
                {"key": 1, "prompt": "One", "instruction_id_list": ["bad:check"], "kwargs": [{}]}
                {"key": 2, "prompt": "Two", "instruction_id_list": ["bad:check", "punctuation:no_comma"], "kwargs": [{}, {}]}
                {"key": 3, "prompt": "Three", "instruction_id_list": ["punctuation:no_comma"], "kwargs": [{}]}
                """);
        Path responses = Files.writeString(dir.resolve("r.jsonl"), """
                {"prompt": "One", "response": "fine"}
                {"prompt": "Two", "response": "SPIN"}
                {"prompt": "Three", "response": "no commas here"}
                """);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // a child JVM: the thread it abandons spins until it exits
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "io.trace2train.cli.Main", "--plugins", plugins.toString(), "verify", "--prompts", prompts.toString(),
                "--responses", responses.toString(), "--out", dir.resolve("out").toString(), "--prompt-timeout", "1")
                .redirectErrorStream(true).redirectOutput(dir.resolve("verify.log").toFile()).start();
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "verify ends although one check never does");
        String log = Files.readString(dir.resolve("verify.log"));
        assertEquals(Main.WORK_FAILED, child.exitValue(), log);
        assertTrue(log.contains("key 2: instruction 0 'bad:check' could not be checked: the prompt's checks did not"
                + " end within 1 s"), log);
        List<String> strict = Files.readAllLines(dir.resolve("out/eval_results_strict.jsonl"));
        assertEquals(3, strict.size(), log);
        assertTrue(strict.get(0).contains("\"follow_instruction_list\": [true]"), strict.get(0));
        assertTrue(strict.get(1).contains("\"follow_instruction_list\": [false, false]"), strict.get(1));
        assertTrue(strict.get(2).contains("\"follow_instruction_list\": [true]"), strict.get(2));
    }
}
