package io.trace2train.engine.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.trace2train.api.backend.GenerationRequest;
import io.trace2train.api.backend.GenerationSettings;
import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.api.task.ChatMessage;
import io.trace2train.api.task.ConstraintSpec;
import io.trace2train.api.task.TaskSpec;
import io.trace2train.engine.Engine;
import io.trace2train.engine.config.EngineConfig;
import io.trace2train.engine.record.RecordJson;
import io.trace2train.engine.run.ComplianceRunner;
import io.trace2train.engine.run.ForkBatch;
import io.trace2train.engine.run.Mode;
import io.trace2train.engine.run.RunSettings;
import io.trace2train.engine.run.SeedSequence;
import io.trace2train.engine.run.WorkUnit;
import io.trace2train.engine.store.RecordSink;
import io.trace2train.engine.store.RunDirectory;
import io.trace2train.engine.store.RunExecutor;
import io.trace2train.engine.store.RunManifest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RolloutTest {

    private static Engine engine;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        engine = Engine.start(EngineConfig.defaults());
    }

    private static final GenerationSettings BASE = new GenerationSettings(0.7, 0.9, 42, 32, List.of());

    private static TaskSpec task(String id) {
        return new TaskSpec(id, List.of(ChatMessage.user("Describe a cat without commas.")),
                List.of(ConstraintSpec.hard("punctuation:no_comma", Map.of(), 0)));
    }

    /** Passes for even seeds, fails (a comma) for odd ones. */
    private static String byParity(long seed) {
        return seed % 2 == 0 ? "Cats purr softly (seed " + seed + ")" : "Cats, purr (seed " + seed + ")";
    }

    private List<ComplianceRecord> run(SeededBackend backend, List<WorkUnit> units, RunExecutor.Limits limits,
            Path folder) throws Exception {
        ComplianceRunner runner = new ComplianceRunner(RunSettings.of(Mode.DIRECT, BASE), backend,
                engine.verifiers(), engine.repairStrategies(), new SimpleMeterRegistry());
        try (RunDirectory run = Files.exists(folder.resolve(RunDirectory.MANIFEST))
                ? RunDirectory.resume(folder, "sha256:tasks") : RunDirectory.create(folder, manifest());
                RecordSink sink = run.sink()) {
            RunExecutor.run(units, run.finished(), run.passedByTask(), "run-1", runner, sink, limits, r -> { });
        }
        return records(folder);
    }

    private static RunManifest manifest() {
        return new RunManifest("run-1", "2026-12-01T00:00:00Z", "direct", "seeded", Map.of(), BASE, 3, 3,
                "tasks.jsonl", "sha256:tasks", "test", "constraint_share",
                new RunManifest.RolloutManifest(4, "1.0", 0, 0), null);
    }

    private static List<ComplianceRecord> records(Path folder) throws Exception {
        List<ComplianceRecord> records = new ArrayList<>();
        for (String line : Files.readAllLines(folder.resolve(RunDirectory.RECORDS), StandardCharsets.UTF_8)) {
            records.add(RecordJson.read(line));
        }
        return records;
    }

    @Test
    void eachForkAsksTheModelWithItsOwnSeedAndItsScheduledTemperature() throws Exception {
        SeededBackend backend = SeededBackend.answering(RolloutTest::byParity);
        List<WorkUnit> units = ForkPlan.units(List.of(task("a"), task("b")), 4, BASE,
                new TemperatureSchedule("linear:0.5:1.1"));
        List<ComplianceRecord> records = run(backend, units, RunExecutor.Limits.of(2), dir.resolve("run"));

        assertEquals(8, records.size());
        assertEquals(8, backend.requests().size());
        for (String task : List.of("a", "b")) {
            List<GenerationRequest> sent = backend.requests().stream().filter(r -> r.taskId().equals(task)).toList();
            assertEquals(4, sent.stream().map(r -> r.settings().seed()).distinct().count(), "four seeds for " + task);
            assertEquals(Set.of(0.5, 0.7, 0.9, 1.1), sent.stream()
                    .map(r -> Math.round(r.settings().temperature() * 10) / 10.0).collect(Collectors.toSet()));
        }
        for (ComplianceRecord record : records) {
            int fork = record.fork().index();
            assertEquals(4, record.fork().forks());
            long seed = SeedSequence.forkSeed(42, record.taskId(), fork);
            assertEquals(fork == 0 ? 42 : seed, seed, "fork 0 asks what a plain run would");
            assertEquals(seed, record.generation().seed(), "the record's settings are the fork's");
            assertEquals(seed, record.attempts().getFirst().seed(), "and the seed the model was really given");
            assertEquals(0.5 + 0.2 * fork, record.generation().temperature(), 1e-9);
            assertEquals(byParity(seed), record.finalOutput());
            assertEquals(seed % 2 == 0, record.passed());
            assertNotNull(record.reward());
            assertEquals(record.passed() ? 1.0 : 0.0, record.reward().value());
        }
    }

    @Test
    void aForkPastItsTimeoutIsCancelledAndItsRecordSaysSo() throws Exception {
        long slowSeed = SeedSequence.forkSeed(42, "a", 2);
        SeededBackend backend = new SeededBackend(RolloutTest::byParity, seed -> seed == slowSeed ? 60_000L : 0L);
        List<WorkUnit> units = ForkPlan.units(List.of(task("a")), 4, BASE, new TemperatureSchedule("1.0"));
        List<ComplianceRecord> records = run(backend, units,
                new RunExecutor.Limits(2, Duration.ofMillis(300), 0), dir.resolve("run"));

        assertEquals(4, records.size(), "the cancelled fork has its record too");
        ComplianceRecord slow = records.stream().filter(r -> r.fork().index() == 2).findFirst().orElseThrow();
        assertEquals("timeout", slow.error().kind());
        assertFalse(slow.passed());
        assertTrue(records.stream().filter(r -> r != slow).allMatch(r -> r.error() == null));
    }

    @Test
    void anEarlyStopSkipsTheForksNotStartedAndCancelsTheRunningOnes() throws Exception {
        // one worker: fork 0 (seed 42) passes, so forks 1..3 never start
        List<WorkUnit> units = ForkPlan.units(List.of(task("a"), task("b")), 4, BASE, new TemperatureSchedule("1.0"));
        SeededBackend quick = SeededBackend.answering(seed -> "Cats purr");
        List<ComplianceRecord> records = run(quick, units, new RunExecutor.Limits(1, null, 1), dir.resolve("one"));
        assertEquals(List.of(0, 0), records.stream().map(r -> r.fork().index()).toList());

        // two workers: fork 1 is slow and still running when fork 0 passes: it is cancelled
        long slowSeed = SeedSequence.forkSeed(42, "a", 1);
        SeededBackend slow = new SeededBackend(seed -> "Cats purr", seed -> seed == slowSeed ? 60_000L
                : seed == 42 ? 300L : 0L);
        List<WorkUnit> single = ForkPlan.units(List.of(task("a")), 2, BASE, new TemperatureSchedule("1.0"));
        records = run(slow, single, new RunExecutor.Limits(2, null, 1), dir.resolve("two"));
        ComplianceRecord cancelled = records.stream().filter(r -> r.fork().index() == 1).findFirst().orElseThrow();
        assertEquals("cancelled", cancelled.error().kind());
        assertTrue(cancelled.error().message().contains("early stop"), cancelled.error().message());
    }

    @Test
    void aResumedRolloutRunsOnlyTheForksWithoutARecord() throws Exception {
        List<WorkUnit> units = ForkPlan.units(List.of(task("a"), task("b"), task("c")), 4, BASE,
                new TemperatureSchedule("1.0"));
        Path folder = dir.resolve("run");
        run(SeededBackend.answering(RolloutTest::byParity), units, RunExecutor.Limits.of(2), folder);
        List<String> lines = Files.readAllLines(folder.resolve(RunDirectory.RECORDS));
        Files.write(folder.resolve(RunDirectory.RECORDS), lines.subList(0, 5));
        Files.writeString(folder.resolve(RunDirectory.RECORDS), lines.get(5).substring(0, 40),
                java.nio.file.StandardOpenOption.APPEND);

        SeededBackend again = SeededBackend.answering(RolloutTest::byParity);
        List<ComplianceRecord> records = run(again, units, RunExecutor.Limits.of(2), folder);

        assertEquals(7, again.requests().size(), "only the 7 forks without a whole record ran again");
        assertEquals(12, records.size());
        assertEquals(12, records.stream().map(r -> WorkUnit.key(r.taskId(), r.fork().index())).distinct().count());
    }

    @Test
    void forksRankByHardPassThenRewardThenRoundsThenTokensThenIndex() throws Exception {
        TaskSpec task = new TaskSpec("t", List.of(ChatMessage.user("Cats.")), List.of(
                ConstraintSpec.hard("punctuation:no_comma", Map.of(), 0),
                new ConstraintSpec("keywords:existence", Map.of("keywords", List.of("whiskers")),
                        io.trace2train.api.task.ConstraintLevel.SOFT, 1, 1.0)));
        Map<Long, String> answers = Map.of(
                SeedSequence.forkSeed(42, "t", 0), "Cats, purr",              // fails hard
                SeedSequence.forkSeed(42, "t", 1), "Cats purr",               // passes hard, misses soft
                SeedSequence.forkSeed(42, "t", 2), "Cats have whiskers",      // passes both
                SeedSequence.forkSeed(42, "t", 3), "Cats have long whiskers", // passes both, more tokens
                SeedSequence.forkSeed(42, "t", 4), "Cats, whiskers");         // fails hard, meets soft
        SeededBackend backend = SeededBackend.answering(answers::get);
        List<ComplianceRecord> records = run(backend, ForkPlan.units(List.of(task), 5, BASE,
                new TemperatureSchedule("1.0")), RunExecutor.Limits.of(1), dir.resolve("run"));

        List<Integer> order = ForkRanker.rank(records).stream().map(r -> r.fork().index()).toList();
        assertEquals(List.of(2, 3, 1, 4, 0), order);
        ComplianceRecord best = ForkRanker.rank(records).getFirst();
        assertEquals(1.0, best.reward().parts().get("weighted_share"));
        assertTrue(best.reward().allHardPassed());
        ComplianceRecord softOnly = records.stream().filter(r -> r.fork().index() == 4).findFirst().orElseThrow();
        assertEquals(0.5, softOnly.reward().value(), "half the weight met, but a hard constraint fails");
        assertFalse(softOnly.reward().allHardPassed());
        assertNull(softOnly.error());
    }

    @Test
    void aTasksForksShareABatchOfAtMostSixteenOverThoseWithoutARecordAndNoneWithAnEarlyStop() {
        RunManifest forty = new RunManifest("run-1", "2026-12-01T00:00:00Z", "direct", "seeded", Map.of(), BASE, 3, 3,
                "tasks.jsonl", "sha256:tasks", "test", "constraint_share",
                new RunManifest.RolloutManifest(40, "0.5,1.0", 0, 0), null);
        List<WorkUnit> units = new ArrayList<>();
        ForkPlan.lazily(List.of(task("a"), task("b")), forty,
                new ForkPlan.Batching(true, Set.of("a#0", "a#17", "b#32", "b#33", "b#34", "b#35", "b#36", "b#37",
                        "b#38", "b#39"))).forEach(units::add);
        assertEquals(80, units.size(), "every fork is a unit; the executor skips those with a record");
        Map<ForkBatch, List<Integer>> batches = units.stream().filter(u -> u.batch() != null)
                .collect(Collectors.groupingBy(WorkUnit::batch, java.util.LinkedHashMap::new,
                        Collectors.mapping(u -> u.fork().index(), Collectors.toList())));
        assertEquals(5, batches.size(), "a: 0-15, 16-31, 32-39; b: 0-15, 16-31 (32-39 all have records)");
        List<List<Integer>> waiting = batches.keySet().stream().map(ForkBatch::waiting).toList();
        assertEquals(15, waiting.get(0).size());
        assertEquals(1, waiting.get(0).getFirst(), "a#0 has a record: not asked for");
        assertEquals(15, waiting.get(1).size());
        assertEquals(8, waiting.get(2).size());
        assertEquals(List.of(16, 16), List.of(waiting.get(3).size(), waiting.get(4).size()));
        assertTrue(units.stream().filter(u -> u.task().id().equals("b") && u.fork().index() >= 32)
                .allMatch(u -> u.batch() == null));

        RunManifest earlyStop = new RunManifest("run-1", "2026-12-01T00:00:00Z", "direct", "seeded", Map.of(), BASE, 3,
                3, "tasks.jsonl", "sha256:tasks", "test", "constraint_share",
                new RunManifest.RolloutManifest(4, "1.0", 0, 2), null);
        ForkPlan.lazily(List.of(task("a")), earlyStop, new ForkPlan.Batching(true, Set.of()))
                .forEach(unit -> assertNull(unit.batch(), "an early stop skips forks: each generates its own"));
    }
}
