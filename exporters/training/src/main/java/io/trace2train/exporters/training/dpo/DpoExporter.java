package io.trace2train.exporters.training.dpo;

import io.trace2train.api.export.ExportRow;
import io.trace2train.api.export.TaskRecords;
import io.trace2train.api.export.TrainingTexts;
import io.trace2train.api.record.AttemptRecord;
import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.api.record.ConstraintResult;
import io.trace2train.api.task.ConstraintLevel;
import io.trace2train.exporters.training.Flavor;
import io.trace2train.exporters.training.FormatExporter;
import io.trace2train.exporters.training.Rows;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Preference pairs whose chosen text passes every hard constraint of the task and whose rejected text fails at least
 * one, both answering the task's original conversation (never a repair prompt). Pairs come from forks (a passing
 * fork against the failing ones; forks that ended in an error or were cancelled are no answer and are left out) and
 * from repair traces (a record's repaired, passing final output against the real failed drafts it was repaired
 * from). Identical texts (up to white space at their ends) make no pair; a task gives at most {@code maxPairs}, fork pairs first.
 * Agent episodes pair where they part at an assistant turn, and a repaired episode with the branch it repaired, from
 * the fork point ({@link EpisodePairs}).
 */
final class DpoExporter extends FormatExporter {

    private final PairSelection selection;
    private final EpisodePairs episodePairs;

    DpoExporter(Flavor flavor, PairSelection selection) {
        super("dpo", flavor);
        this.selection = selection;
        this.episodePairs = new EpisodePairs(flavor, selection, counts);
    }

    /** One side of a pair: a text and where it came from. */
    private record Side(ComplianceRecord record, AttemptRecord attempt, String text) {
    }

    /** A pair, where it came from ({@code forks} or {@code repair}) and whether both its texts are usable. */
    private record Pair(Side chosen, Side rejected, String source, boolean usable) {
    }

    @Override
    public void export(TaskRecords task, Consumer<ExportRow> rows) {
        List<ComplianceRecord> episodes = task.ranked().stream().filter(ComplianceRecord::isEpisode).toList();
        if (!episodes.isEmpty()) {
            // agent episodes pair at the assistant turn where they part, or where a repair forked them
            episodePairs.export(task, episodes, rows);
            if (episodes.size() == task.ranked().size()) {
                return;
            }
            task = new TaskRecords(task.taskId(), task.ranked().stream().filter(r -> !r.isEpisode()).toList());
        }
        List<Pair> pairs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        if (selection.fromForks()) {
            forkPairs(task, pairs, seen);
        }
        if (selection.fromRepairs()) {
            repairPairs(task, pairs, seen);
        }
        for (Pair pair : pairs) {
            rows.accept(row(task, pair));
        }
    }

    @Override
    public List<String> report(long rows, long passedRows) {
        List<String> lines = new ArrayList<>(super.report(rows, passedRows));
        lines.addAll(episodePairs.report());
        return lines;
    }

    private void forkPairs(TaskRecords task, List<Pair> pairs, Set<String> seen) {
        // a passing fork with a blank answer is no one's example: the best is the top one with a visible answer
        List<ComplianceRecord> passing = task.ranked().stream()
                .filter(r -> r.passed() && !TrainingTexts.isBlank(r.finalOutput())).toList();
        List<ComplianceRecord> failing = task.ranked().stream()
                .filter(r -> !r.passed() && r.error() == null && !r.attempts().isEmpty()).toList();
        List<ComplianceRecord> chosen = selection.allPairs() || passing.isEmpty() ? passing : passing.subList(0, 1);
        for (ComplianceRecord good : chosen) {
            for (ComplianceRecord bad : failing) {
                add(pairs, seen, new Side(good, good.finalAttempt(), good.finalOutput()),
                        new Side(bad, bad.finalAttempt(), bad.finalOutput()), "forks");
            }
        }
    }

    private void repairPairs(TaskRecords task, List<Pair> pairs, Set<String> seen) {
        for (ComplianceRecord record : task.ranked()) {
            if (!record.passed() || record.initialViolations().isEmpty()) {
                continue;
            }
            Side good = new Side(record, record.finalAttempt(), record.finalOutput());
            for (AttemptRecord attempt : record.attempts()) {
                if (!attempt.passesHard()) {
                    add(pairs, seen, good, new Side(record, attempt, attempt.output()), "repair");
                }
            }
        }
    }

    /**
     * Texts that differ only in white space at their ends make no pair, as identical ones don't. A pair with a
     * blank text or prompt is still made, for the engine to skip and count, but takes no place under the cap.
     */
    private void add(List<Pair> pairs, Set<String> seen, Side chosen, Side rejected, String source) {
        String chosenText = TrainingTexts.trim(chosen.text());
        String rejectedText = TrainingTexts.trim(rejected.text());
        long usable = pairs.stream().filter(Pair::usable).count();
        if (usable >= selection.maxPairs() || chosenText.equals(rejectedText)
                || !seen.add(chosenText + "\u0000" + rejectedText)) {
            return;
        }
        pairs.add(new Pair(chosen, rejected, source, TrainingTexts.problem(chosen.record().promptMessages(),
                List.of(chosenText, rejectedText)).isEmpty()));
    }

    private ExportRow row(TaskRecords task, Pair pair) {
        Side chosen = pair.chosen();
        Side rejected = pair.rejected();
        ComplianceRecord record = chosen.record();
        Map<String, Object> row = new LinkedHashMap<>();
        if (flavor == Flavor.OPENAI) {
            row.put("input", Map.of("messages", Rows.messages(record.promptMessages())));
            row.put("preferred_output", Rows.assistant(chosen.text()));
            row.put("non_preferred_output", Rows.assistant(rejected.text()));
        } else {
            row.put("prompt", Rows.messages(record.promptMessages()));
            row.put("chosen", Rows.assistant(chosen.text()));
            row.put("rejected", Rows.assistant(rejected.text()));
        }
        Map<String, Object> origin = new LinkedHashMap<>();
        origin.put("source", pair.source());
        origin.put("chosen", Rows.origin(chosen.record(), chosen.attempt()));
        origin.put("rejected", Rows.origin(rejected.record(), rejected.attempt()));
        origin.put("rejected_fails", rejected.attempt().constraints().stream()
                .filter(c -> c.level() == ConstraintLevel.HARD && !c.passed()).map(ConstraintResult::verifier).toList());
        return new ExportRow(row, task.taskId(), record.promptMessages(), List.of(chosen.text(), rejected.text()),
                true, record.rewardValue(), Rows.trace(record, origin));
    }
}
