package io.trace2train.exporters.training.dpo;

import io.trace2train.api.export.ExportRow;
import io.trace2train.api.export.TaskRecords;
import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.api.record.ConstraintResult;
import io.trace2train.api.task.ChatMessage;
import io.trace2train.api.task.ConstraintLevel;
import io.trace2train.api.task.Role;
import io.trace2train.exporters.training.EpisodeMessages;
import io.trace2train.exporters.training.Flavor;
import io.trace2train.exporters.training.Rows;
import io.trace2train.exporters.training.SkippedEpisodes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Preference pairs of agent episodes of one task: a passing episode (chosen; it ranks above every failing one) and
 * a failing one that share every message up to an assistant message where they part. The prompt is that shared
 * prefix (system, user, tool calls and their results), chosen and rejected the two continuations from there, so the
 * pair teaches only the agent's own choice. Episodes that part at a user message or a tool result make no pair (the
 * user or the world differed, not the agent): their data is SFT, KTO and rewards rows. OpenAI's preference format
 * takes one output message, so its flavor keeps only pairs whose continuations are one assistant message each.
 */
final class EpisodePairs {

    private final Flavor flavor;
    private final PairSelection selection;
    private final SkippedEpisodes skipped = new SkippedEpisodes();
    private long notAtAssistant;
    private long tooLongForOpenAi;

    EpisodePairs(Flavor flavor, PairSelection selection) {
        this.flavor = flavor;
        this.selection = selection;
    }

    /** Emits the pairs of these episodes (ranked best first) of {@code task}. */
    void export(TaskRecords task, List<ComplianceRecord> episodes, Consumer<ExportRow> rows) {
        List<ComplianceRecord> passing = episodes.stream().filter(r -> r.passed() && r.error() == null).toList();
        List<ComplianceRecord> failing = episodes.stream().filter(r -> !r.passed() && r.error() == null).toList();
        List<ComplianceRecord> chosen = selection.allPairs() || passing.isEmpty() ? passing : passing.subList(0, 1);
        Set<String> seen = new HashSet<>();
        int made = 0;
        for (ComplianceRecord good : chosen) {
            for (ComplianceRecord bad : failing) {
                if (made >= selection.maxPairs()) {
                    return;
                }
                int at = branchPoint(good.episode().messages(), bad.episode().messages());
                if (at < 0) {
                    notAtAssistant++;
                    continue;
                }
                ExportRow row = row(task, good, bad, at);
                if (row != null && seen.add(row.completions().get(0) + "\u0000" + row.completions().get(1))) {
                    rows.accept(row);
                    made++;
                }
            }
        }
    }

    /**
     * The index of the first message where the two episodes differ, when it is an assistant message in both; -1 when
     * they part at another role, or one is the other's beginning (one side would have nothing to say).
     */
    static int branchPoint(List<ChatMessage> a, List<ChatMessage> b) {
        int n = Math.min(a.size(), b.size());
        int i = 0;
        while (i < n && a.get(i).equals(b.get(i))) {
            i++;
        }
        if (i == n || a.get(i).role() != Role.ASSISTANT || b.get(i).role() != Role.ASSISTANT) {
            return -1;
        }
        return i;
    }

    /** The pair's row, or null where the flavor cannot hold it (counted for the report). */
    private ExportRow row(TaskRecords task, ComplianceRecord good, ComplianceRecord bad, int at) {
        List<ChatMessage> prefix = good.episode().messages().subList(0, at);
        List<ChatMessage> chosen = good.episode().messages().subList(at, good.episode().messages().size());
        List<ChatMessage> rejected = bad.episode().messages().subList(at, bad.episode().messages().size());
        Map<String, Object> row = new LinkedHashMap<>();
        try {
            if (flavor == Flavor.OPENAI) {
                if (chosen.size() != 1 || rejected.size() != 1) {
                    tooLongForOpenAi++;
                    return null;
                }
                Map<String, Object> input = new LinkedHashMap<>();
                input.put("messages", EpisodeMessages.messages(flavor, prefix));
                input.put("tools", EpisodeMessages.tools(good.episode().tools()));
                row.put("input", input);
                row.put("preferred_output", EpisodeMessages.messages(flavor, chosen));
                row.put("non_preferred_output", EpisodeMessages.messages(flavor, rejected));
            } else {
                row.put("prompt", EpisodeMessages.messages(flavor, prefix));
                row.put("chosen", EpisodeMessages.messages(flavor, chosen));
                row.put("rejected", EpisodeMessages.messages(flavor, rejected));
                row.put("tools", EpisodeMessages.tools(good.episode().tools()));
            }
        } catch (EpisodeMessages.MalformedArguments e) {
            skipped.add(containsCall(good, e) ? good : bad, e);
            return null;
        }
        Map<String, Object> origin = new LinkedHashMap<>();
        origin.put("source", "episodes");
        origin.put("chosen", Rows.origin(good, good.finalAttempt()));
        origin.put("rejected", Rows.origin(bad, bad.finalAttempt()));
        origin.put("rejected_fails", bad.finalConstraints().stream()
                .filter(c -> c.level() == ConstraintLevel.HARD && !c.passed()).map(ConstraintResult::verifier).toList());
        return new ExportRow(row, task.taskId(), prefix, List.of(EpisodeMessages.completionText(chosen),
                EpisodeMessages.completionText(rejected)), true, good.rewardValue(), Rows.trace(good, origin));
    }

    private static boolean containsCall(ComplianceRecord record, EpisodeMessages.MalformedArguments e) {
        return record.episode().calls().stream().anyMatch(c -> c.call().equals(e.call()));
    }

    List<String> report() {
        List<String> lines = new ArrayList<>(skipped.report());
        if (notAtAssistant > 0) {
            lines.add(String.format(Locale.ROOT, "%d episode %s no pair: the episodes part at a user message or a"
                    + " tool result, not at an assistant turn (their data is SFT, KTO and rewards rows)",
                    notAtAssistant, notAtAssistant == 1 ? "pairing makes" : "pairings make"));
        }
        if (tooLongForOpenAi > 0) {
            lines.add(String.format(Locale.ROOT, "warning: %d episode %s left out: a continuation is more than one"
                    + " assistant message, and OpenAI's preference format takes one output (the trl flavor keeps"
                    + " them)", tooLongForOpenAi, tooLongForOpenAi == 1 ? "pair" : "pairs"));
        }
        return lines;
    }
}
