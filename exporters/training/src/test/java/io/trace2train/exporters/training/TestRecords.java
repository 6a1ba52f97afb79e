package io.trace2train.exporters.training;

import io.trace2train.api.backend.GenerationSettings;
import io.trace2train.api.backend.ModelInfo;
import io.trace2train.api.record.AttemptRecord;
import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.api.record.ConstraintResult;
import io.trace2train.api.record.ForkInfo;
import io.trace2train.api.record.RewardRecord;
import io.trace2train.api.record.RunError;
import io.trace2train.api.record.TokenCost;
import io.trace2train.api.record.Versions;
import io.trace2train.api.task.ChatMessage;
import io.trace2train.api.task.ConstraintLevel;
import io.trace2train.api.task.ConstraintSpec;
import io.trace2train.api.task.Episode;
import io.trace2train.engine.record.RecordJson;
import io.trace2train.engine.store.RunDirectory;
import io.trace2train.engine.store.RunManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Records of one task, as the engine writes them, for the exporters' tests: a no-comma constraint judges. */
final class TestRecords {

    static final List<ChatMessage> PROMPT = List.of(ChatMessage.user("Describe a cat without commas."));

    private TestRecords() {
    }

    static ConstraintResult verdict(boolean passed) {
        return new ConstraintResult(0, "punctuation:no_comma", "1", ConstraintLevel.HARD, passed, null, null,
                passed ? "" : "remove the commas", List.of());
    }

    /** An attempt; a null seed is a deterministic patch, or a replayed answer. */
    static AttemptRecord attempt(int index, String strategy, String output, boolean passed, Long seed) {
        List<ChatMessage> sent = index == 0 ? PROMPT
                : List.of(PROMPT.getFirst(), ChatMessage.assistant("draft"), ChatMessage.user("fix it"));
        return new AttemptRecord(index, index, strategy, seed == null ? null : sent, output, List.of(verdict(passed)),
                3, 4, 1, seed, false, null);
    }

    /** Fork {@code index} of 3 of task t1. */
    static ComplianceRecord fork(int index, List<AttemptRecord> attempts, RunError error) {
        return record("t1", PROMPT, new ForkInfo(index, 3), 100 + index, attempts, error);
    }

    /** A record of a plain run (no fork) or of a fork. */
    static ComplianceRecord record(String taskId, List<ChatMessage> prompt, ForkInfo fork, long seed,
            List<AttemptRecord> attempts, RunError error) {
        AttemptRecord last = attempts.isEmpty() ? null : attempts.getLast();
        boolean passed = error == null && last != null && last.passesHard();
        String id = taskId + "-" + (fork == null ? "run" : "fork" + fork.index());
        return new ComplianceRecord(ComplianceRecord.SCHEMA_VERSION, id, "run", taskId, "sha256:" + "0".repeat(64),
                prompt, new ModelInfo("jlama", "stories260K", "sha256:abc"), "full_pcl",
                new GenerationSettings(1.0, 0.95, seed, 32, List.of()), attempts,
                attempts.isEmpty() || attempts.getFirst().passesHard() ? List.of() : List.of(0),
                passed ? List.of() : List.of(0), last == null ? "" : last.output(), passed, attempts.size() - 1,
                new TokenCost(7, 8, 0), 5, new Versions("test", Map.of("punctuation:no_comma", "1")), List.of(), error,
                fork, new RewardRecord("constraint_share", "1", passed ? 1 : 0, passed,
                        Map.of("weighted_share", passed ? 1.0 : 0.0)),
                List.of(ConstraintSpec.hard("punctuation:no_comma", Map.of(), 0)));
    }

    /**
     * Fork {@code index} of task {@code taskId}: an agent episode whose final answer passes or fails the one hard
     * constraint, as an importer records it (one replayed attempt holding the final answer).
     */
    static ComplianceRecord episode(String taskId, int index, int forks, Episode episode, boolean passed) {
        List<ChatMessage> prompt = episode.messages().subList(0, 2);
        return record(taskId, prompt, new ForkInfo(index, forks), 100 + index,
                List.of(attempt(0, "replay", episode.finalAnswer(), passed, null)), null).withEpisode(episode, null,
                null);
    }

    /** A run folder holding these records (forks of a task written together), as {@code run} leaves it. */
    static Path runFolder(Path folder, int forks, List<ComplianceRecord> records) throws IOException {
        // closed at once: the run is over, as a finished run's folder is (an open one is "still being written")
        RunDirectory.create(folder, new RunManifest("run", "2026-12-01T00:00:00Z", "full_pcl", "jlama", Map.of(),
                new GenerationSettings(1.0, 0.95, 100, 32, List.of()), 3, 3, "tasks.jsonl", "sha256:x", "test",
                "constraint_share", forks == 1 ? null : new RunManifest.RolloutManifest(forks, "1.0", 0, 0), null)).close();
        StringBuilder lines = new StringBuilder();
        records.forEach(r -> lines.append(RecordJson.write(r)).append('\n'));
        Files.writeString(folder.resolve(RunDirectory.RECORDS), lines);
        return folder;
    }
}
