package io.trace2train.engine.rollout;

import io.trace2train.api.export.TaskRecords;
import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.api.io.AtomicFiles;
import io.trace2train.engine.record.RecordJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a rollout's {@code ranking.jsonl}: per task, its forks best first with what ranked them. It is derived from
 * {@code records.jsonl} (exports rank again from the records), written whole or not at all once the forks have run.
 */
public final class Rankings {

    public static final String FILE = "ranking.jsonl";

    /**
     * What the ranking found.
     *
     * @param tasks tasks ranked
     * @param forks records ranked
     * @param tasksWithPassingFork tasks where at least one fork passes (pass@forks)
     * @param passingForks forks that pass
     */
    public record Totals(int tasks, long forks, int tasksWithPassingFork, long passingForks) {
    }

    private Rankings() {
    }

    public static Totals write(Path records, int forks, Path target) throws IOException {
        int[] tasks = new int[2];
        long[] passing = new long[1];
        List<String> lines = new ArrayList<>();
        long count = RecordGroups.forEach(records, forks, group -> {
            tasks[0]++;
            long passed = group.ranked().stream().filter(ComplianceRecord::passed).count();
            passing[0] += passed;
            if (passed > 0) {
                tasks[1]++;
            }
            lines.add(line(group));
        });
        AtomicFiles.write(target, w -> {
            for (String line : lines) {
                w.write(line);
                w.write('\n');
            }
        });
        return new Totals(tasks[0], count, tasks[1], passing[0]);
    }

    private static String line(TaskRecords group) {
        List<Map<String, Object>> ranked = new ArrayList<>();
        int rank = 1;
        for (ComplianceRecord record : group.ranked()) {
            Map<String, Object> fork = new LinkedHashMap<>();
            fork.put("rank", rank++);
            fork.put("fork", record.fork() == null ? 0 : record.fork().index());
            fork.put("record_id", record.recordId());
            fork.put("passed", record.passed());
            fork.put("reward", record.rewardValue());
            fork.put("rounds_used", record.roundsUsed());
            fork.put("tokens", record.tokens().total());
            fork.put("seed", record.generation().seed());
            fork.put("temperature", record.generation().temperature());
            ranked.add(fork);
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("task_id", group.taskId());
        line.put("best_record_id", group.ranked().getFirst().recordId());
        line.put("forks", ranked);
        try {
            return RecordJson.mapper().writeValueAsString(line);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
