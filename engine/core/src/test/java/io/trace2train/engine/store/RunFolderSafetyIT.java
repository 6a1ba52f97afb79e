package io.trace2train.engine.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.trace2train.api.backend.Generation;
import io.trace2train.api.backend.GenerationRequest;
import io.trace2train.api.backend.GenerationSettings;
import io.trace2train.api.backend.ModelBackend;
import io.trace2train.api.backend.ModelInfo;
import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.api.task.ChatMessage;
import io.trace2train.api.task.ConstraintSpec;
import io.trace2train.api.task.TaskSpec;
import io.trace2train.engine.Engine;
import io.trace2train.engine.FolderRun;
import io.trace2train.engine.config.EngineConfig;
import io.trace2train.engine.io.BadInputException;
import io.trace2train.engine.io.StrictJson;
import io.trace2train.engine.rollout.RecordGroups;
import io.trace2train.engine.rollout.ForkPlan;
import io.trace2train.engine.run.ComplianceRunner;
import io.trace2train.engine.run.Mode;
import io.trace2train.engine.run.RunSettings;
import io.trace2train.engine.run.TaskRunner;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One owner per run folder, records the readers can read back, and a full disk said once with the folder intact. */
class RunFolderSafetyIT {

    @TempDir
    Path dir;

    private static final GenerationSettings SETTINGS = new GenerationSettings(0.7, 0.9, 42, 32, List.of());
    private static final Engine ENGINE = Engine.start(EngineConfig.defaults());

    private static RunManifest manifest() {
        return new RunManifest("r", "2026-12-01T00:00:00Z", "direct", "echo", Map.of(), SETTINGS, 3, 3, "tasks",
                "sha256:x", "test", "constraint_share", null, null);
    }

    private static List<TaskSpec> tasks(int count) {
        List<TaskSpec> specs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            specs.add(new TaskSpec("t" + i, List.of(ChatMessage.user("Question " + i)),
                    List.of(ConstraintSpec.hard("punctuation:no_comma", Map.of(), 0))));
        }
        return specs;
    }

    /** The real runner over a backend that answers each prompt with {@code answer(prompt)}. */
    private static TaskRunner runner(UnaryOperator<String> answer) {
        ModelBackend backend = new ModelBackend() {
            @Override
            public ModelInfo model() {
                return new ModelInfo("echo", "echo", "v1");
            }

            @Override
            public boolean canGenerate() {
                return true;
            }

            @Override
            public Generation generate(GenerationRequest request) {
                return new Generation(answer.apply(request.messages().getFirst().content()), 1, 1, 0);
            }
        };
        return new ComplianceRunner(RunSettings.of(Mode.DIRECT, SETTINGS), backend, ENGINE.verifiers(),
                ENGINE.repairStrategies(), new SimpleMeterRegistry());
    }

    @Test
    void aSecondRunOrResumeOfAFolderInUseIsRefusedUntilTheFirstEnds() throws Exception {
        Path folder = dir.resolve("run");
        try (RunDirectory first = RunDirectory.create(folder, manifest())) {
            BadInputException resume = assertThrows(BadInputException.class,
                    () -> RunDirectory.resume(folder, "sha256:x"));
            assertTrue(resume.getMessage().contains("is in use by another trace2train run"), resume.getMessage());
            BadInputException create = assertThrows(BadInputException.class,
                    () -> RunDirectory.create(folder, manifest()));
            assertTrue(create.getMessage().contains("is in use"), create.getMessage());
            assertTrue(RunLock.isHeld(folder));
            assertTrue(first.finished().isEmpty());
        }
        assertFalse(RunLock.isHeld(folder));
        try (RunDirectory resumed = RunDirectory.resume(folder, "sha256:x")) {
            assertEquals("r", resumed.manifest().runId());
        }
    }

    @Test
    void aFolderLockedByAnotherProcessIsRefusedEvenWhenNew() throws Exception {
        Path folder = dir.resolve("new-run");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LockHolder.class.getName(), folder.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                    StandardCharsets.UTF_8));
            assertEquals("locked", out.readLine());
            assertTrue(RunLock.isHeld(folder));
            BadInputException e = assertThrows(BadInputException.class,
                    () -> RunDirectory.create(folder, manifest()));
            assertTrue(e.getMessage().contains("is in use by another trace2train run"), e.getMessage());
            assertFalse(Files.exists(folder.resolve(RunDirectory.MANIFEST)), "nothing written by the refused run");
        } finally {
            holder.getOutputStream().close();
            assertTrue(holder.waitFor(60, TimeUnit.SECONDS));
        }
        assertFalse(RunLock.isHeld(folder));
        RunDirectory.create(folder, manifest()).close();
    }

    @Test
    void aRecordTheReadersCouldNotReadIsWrittenAsAnErrorOfItsUnit() throws Exception {
        Path folder = dir.resolve("run");
        String huge = "x".repeat(StrictJson.MAX_STRING_CHARS + 1);
        try (RunDirectory run = RunDirectory.create(folder, manifest()); RecordSink sink = run.sink()) {
            RunExecutor.Summary summary = RunExecutor.run(ForkPlan.plain(tasks(2), SETTINGS), run.finished(),
                    run.passedByTask(), "r", runner(prompt -> prompt.endsWith("0") ? huge : "short answer"), sink,
                    RunExecutor.Limits.of(1), r -> { });
            assertTrue(summary.crashed().isEmpty(), summary.crashed()::toString);
        }
        List<ComplianceRecord> read = new ArrayList<>();
        RecordGroups.forEach(folder.resolve(RunDirectory.RECORDS), 1, group -> read.addAll(group.ranked()));
        assertEquals(2, read.size());
        ComplianceRecord tooLarge = read.stream().filter(r -> r.taskId().equals("t0")).findFirst().orElseThrow();
        assertEquals("output_too_large", tooLarge.error().kind());
        assertTrue(tooLarge.error().message().contains("longer than 20,000,000 characters"),
                tooLarge.error().message());
        assertFalse(tooLarge.passed());
        assertEquals("", tooLarge.finalOutput());
        assertEquals("short answer", read.stream().filter(r -> r.taskId().equals("t1")).findFirst().orElseThrow()
                .finalOutput());
    }

    @Test
    void aFullDiskStopsTheRunOnceAndLeavesEveryWholeRecordForResume() throws Exception {
        Path folder = dir.resolve("run");
        Path records = folder.resolve(RunDirectory.RECORDS);
        RecordSink.WriteFailedException e;
        long lineBytes;
        try (RunDirectory run = RunDirectory.create(folder, manifest())) {
            // measure one record's line, then leave room for three and a half
            try (RecordSink probe = run.sink()) {
                RunExecutor.run(ForkPlan.plain(tasks(1), SETTINGS), run.finished(), run.passedByTask(), "r",
                        runner(p -> "answer"), probe, RunExecutor.Limits.of(1), r -> { });
            }
            lineBytes = Files.size(records);
            Files.write(records, new byte[0]);
            FileChannel channel = FileChannel.open(records, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            List<ComplianceRecord> reported = java.util.Collections.synchronizedList(new ArrayList<>());
            try (RecordSink sink = new RecordSink(records, new FullDiskChannel(channel, lineBytes * 7 / 2))) {
                e = assertThrows(RecordSink.WriteFailedException.class, () -> RunExecutor.run(
                        ForkPlan.plain(tasks(500), SETTINGS), run.finished(), run.passedByTask(), "r",
                        runner(p -> "answer"), sink, RunExecutor.Limits.of(4), reported::add));
            }
            assertEquals(3, reported.size(), "only records written are reported finished");
        }
        assertTrue(e.getMessage().contains("No space left on device") && e.getMessage().contains("resume the run in"),
                e.getMessage());
        List<String> lines = Files.readAllLines(records);
        assertEquals(3, lines.size());
        assertTrue(Files.readString(records).endsWith("\n"), "the torn line was cut back");
        try (RunDirectory resumed = RunDirectory.resume(folder, "sha256:x")) {
            assertEquals(3, resumed.finished().size());
            assertTrue(resumed.repairNote().isEmpty());
        }
    }
}
