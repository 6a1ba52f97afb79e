package io.trace2train.engine;

import static java.util.Objects.requireNonNull;

import io.trace2train.engine.io.InputProblem;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an import (or a resume of it) did.
 *
 * @param runId the run folder's run id
 * @param folder the run folder
 * @param records its records file
 * @param read episodes read from the log, good and bad
 * @param imported episodes imported now (a record appended)
 * @param alreadyImported episodes that had a record from before (a resume)
 * @param skipped the problems of the episodes that were not imported, by file and line
 * @param resultsCompared logged tool results compared with the environment's, over the episodes imported now
 * @param resultsDiffering how many of those differ (each is named in its record's notes)
 * @param passed episodes imported now that meet every hard constraint
 * @param rewards the rewards of the episodes imported now: how many got each value
 * @param ranking every task's episodes (its forks) ranked best first ({@code ranking.jsonl}), over all the records
 *     of the folder; {@code forks}: the most episodes a task has
 */
public record ImportResult(String runId, Path folder, Path records, int read, int imported, int alreadyImported,
        List<InputProblem> skipped, int resultsCompared, int resultsDiffering, int passed,
        Map<Double, Integer> rewards, RunResult.Ranking ranking) {

    public ImportResult {
        requireNonNull(runId, "runId");
        requireNonNull(folder, "folder");
        requireNonNull(records, "records");
        requireNonNull(ranking, "ranking");
        skipped = List.copyOf(skipped);
        rewards = java.util.Collections.unmodifiableMap(new TreeMap<>(rewards));
    }

    /** The mean reward of the episodes imported now; 0 when none was. */
    public double meanReward() {
        int count = rewards.values().stream().mapToInt(Integer::intValue).sum();
        return count == 0 ? 0 : rewards.entrySet().stream().mapToDouble(e -> e.getKey() * e.getValue()).sum() / count;
    }

    /** Episodes whose problems kept them out (an episode may have several problems). */
    public int skippedEpisodes() {
        return (int) skipped.stream().map(InputProblem::line).distinct().count();
    }

    /** Whether the log had episodes and none could be imported, now or before. */
    public boolean allFailed() {
        return read > 0 && imported == 0 && alreadyImported == 0;
    }
}
