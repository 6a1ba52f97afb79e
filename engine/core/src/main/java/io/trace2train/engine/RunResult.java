package io.trace2train.engine;

import static java.util.Objects.requireNonNull;

import io.trace2train.api.record.ErrorKind;
import io.trace2train.api.record.RunError;
import io.trace2train.api.io.AtomicFiles;
import io.trace2train.engine.record.RecordJson;
import io.trace2train.engine.rollout.Rankings;
import io.trace2train.engine.store.RunExecutor;
import io.trace2train.engine.store.RunManifest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What a run (or a resume of it) did. A unit ran now ended passed, as a failed answer (the model answered, the
 * constraints did not hold) or in an error (the backend failed, a timeout, a bad task): an error says nothing about
 * the model's compliance, so it is counted apart, and a run in which every unit errored {@link #allErrored() failed}.
 *
 * @param runId the run's id
 * @param folder the run folder
 * @param records its records file
 * @param rollout whether the run is a rollout (its units are forks)
 * @param units units in the run
 * @param skipped units that already had a record
 * @param stoppedEarly units not run because enough forks of their task had passed
 * @param passed units run now that passed
 * @param errors the errors of the units run now that ended in one (an early stop's cancel is not one)
 * @param ran units run now
 * @param crashed units whose runner threw, with their messages
 * @param stopped why the run stopped before its last unit (it is resumable), or null
 * @param elapsedMillis wall time
 * @param meters the runner's meters, each statistic by {@code name[tags].statistic}
 * @param ranking the forks ranked by reward (a rollout that ran to its end), or null
 */
public record RunResult(String runId, Path folder, Path records, boolean rollout, int units, int skipped,
        int stoppedEarly, int ran, int passed, List<RunError> errors, List<String> crashed,
        @Nullable String stopped, long elapsedMillis, Map<String, Double> meters, @Nullable Ranking ranking) {

    public RunResult {
        requireNonNull(runId, "runId");
        requireNonNull(folder, "folder");
        requireNonNull(records, "records");
        errors = List.copyOf(errors);
        crashed = List.copyOf(crashed);
        meters = java.util.Collections.unmodifiableMap(new TreeMap<>(meters));
    }

    /**
     * A rollout's ranking file.
     *
     * @param file {@code ranking.jsonl}
     * @param forks forks per task
     * @param totals tasks, forks, and how many of each passed
     */
    public record Ranking(Path file, int forks, Rankings.Totals totals) {

        public Ranking {
            requireNonNull(file, "file");
            requireNonNull(totals, "totals");
        }
    }

    static RunResult of(RunManifest manifest, Path records, RunExecutor.Summary summary, List<RunError> errors,
            Map<String, Double> meters, @Nullable Ranking ranking) {
        List<RunError> counted = errors.stream().filter(e -> !ErrorKind.CANCELLED.is(e.kind())).toList();
        return new RunResult(manifest.runId(), records.getParent(), records, manifest.rollout() != null,
                summary.units(), summary.skipped(), summary.stoppedEarly(), summary.passed() + summary.failed(),
                summary.passed(), counted, summary.crashed(), summary.stopped(), summary.elapsedMillis(), meters,
                ranking);
    }

    /** Units run now whose answer failed its constraints (errors apart). */
    public int failedAnswers() {
        return ran - passed - errors.size();
    }

    /** Units run now that ended in an error, by {@link ErrorKind kind}. */
    public Map<String, Integer> errorsByKind() {
        Map<String, Integer> counts = new TreeMap<>();
        errors.forEach(e -> counts.merge(e.kind(), 1, Integer::sum));
        return counts;
    }

    /** Whether units ran and every one ended in an error: nothing the run produced says anything about the model. */
    public boolean allErrored() {
        return ran > 0 && errors.size() == ran;
    }

    /** Whether every unit has a record and none crashed, and not every unit errored. */
    public boolean succeeded() {
        return stopped == null && crashed.isEmpty() && !allErrored();
    }

    /** One line per distinct error (the most frequent three), with how many units ended in it. */
    public List<String> describeErrors() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        errors.forEach(e -> counts.merge(e.kind() + " error in " + e.stage() + ": " + e.message(), 1, Integer::sum));
        List<String> lines = new ArrayList<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(3)
                .forEach(e -> lines.add(e.getValue() + " of " + ran + " units ended in a " + e.getKey()));
        if (counts.size() > 3) {
            lines.add("... and " + (counts.size() - 3) + " other errors (see the records' error field)");
        }
        return lines;
    }

    /**
     * The run's figures as its summary file holds them, in a fixed order.
     *
     * @param unitName what a unit is called in the summary ({@code tasks}, {@code forks})
     */
    public Map<String, Object> figures(String unitName) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("run_id", runId);
        figures.put(requireNonNull(unitName, "unitName"), units);
        figures.put("skipped_already_done", skipped);
        figures.put("ran", ran);
        figures.put("passed", passed);
        figures.put("failed", failedAnswers());
        figures.put("errors", errors.size());
        figures.put("crashed", crashed.size());
        figures.put("stopped_early", stoppedEarly);
        figures.put("pass_rate", ran == 0 ? 0.0 : (double) passed / ran);
        figures.put("elapsed_ms", elapsedMillis);
        figures.put("records", records.toString());
        figures.put("meters", meters);
        return figures;
    }

    /** Writes {@link #figures} as indented JSON, whole or not at all. */
    public void writeSummary(Path file, String unitName) throws IOException {
        String json = RecordJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(figures(unitName));
        AtomicFiles.write(file, w -> w.write(json));
    }
}
