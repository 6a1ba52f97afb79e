package io.trace2train.exporters.training.dpo;

import io.trace2train.api.export.ExportRow;
import io.trace2train.api.export.TaskRecords;
import io.trace2train.api.env.ToolDefinition;
import io.trace2train.api.record.AttemptRecord;
import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.api.record.ConstraintResult;
import io.trace2train.api.task.ChatMessage;
import io.trace2train.api.task.ConstraintLevel;
import io.trace2train.api.task.Role;
import io.trace2train.exporters.training.EpisodeMessages;
import io.trace2train.exporters.training.Flavor;
import io.trace2train.exporters.training.Rows;
import io.trace2train.exporters.training.ReportCounts;
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
 *
 * <p>A {@code full_pcl} record pairs within itself: a passing branch against the failing episode it forked, from the
 * fork point. The prompt is the shared prefix (never the feedback the fork's agent was told), chosen the repaired
 * continuation and rejected the failing one. Fork pairs come first; both count towards {@code maxPairs}.
 */
final class EpisodePairs {

    private static final String NOT_AT_ASSISTANT = "episode_pairings_not_at_assistant";
    private static final String TOO_LONG_FOR_OPENAI = "episode_pairs_too_long_for_openai";

    private final Flavor flavor;
    private final PairSelection selection;
    private final ReportCounts counts;
    private final SkippedEpisodes skipped;

    EpisodePairs(Flavor flavor, PairSelection selection, ReportCounts counts) {
        this.flavor = flavor;
        this.selection = selection;
        this.counts = counts;
        this.skipped = new SkippedEpisodes(counts);
    }

    /** Emits the pairs of these episodes (ranked best first) of {@code task}, as {@link #selection} asks. */
    void export(TaskRecords task, List<ComplianceRecord> episodes, Consumer<ExportRow> rows) {
        Set<String> seen = new HashSet<>();
        int made = selection.fromForks() ? forkPairs(task, episodes, rows, seen) : 0;
        if (selection.fromRepairs()) {
            repairPairs(task, episodes, rows, seen, made);
        }
    }

    /** Pairs of a repaired episode: each passing branch against the failing one it forked; returns the total made. */
    private int repairPairs(TaskRecords task, List<ComplianceRecord> episodes, Consumer<ExportRow> rows,
            Set<String> seen, int made) {
        for (ComplianceRecord record : episodes) {
            if (record.error() != null) {
                continue;
            }
            List<AttemptRecord> attempts = record.attempts();
            for (AttemptRecord fork : attempts) {
                AttemptRecord.Branch branch = fork.branch();
                if (branch == null || !branch.isFork() || fork.rolledBack() || !fork.passesHard()
                        || branch.from() >= fork.index() || attempts.get(branch.from()).passesHard()) {
                    continue;
                }
                AttemptRecord failed = attempts.get(branch.from());
                List<ChatMessage> parent = BranchEpisodes.of(record, failed.index());
                if (made >= selection.maxPairs()) {
                    return made;
                }
                if (parent == null || branch.forkAt() >= parent.size()) {
                    continue;
                }
                ExportRow row = row(task, "repair", record.episode().tools(), parent.subList(0, branch.forkAt()),
                        new Side(record, fork, branch.messages()),
                        new Side(record, failed, parent.subList(branch.forkAt(), parent.size())));
                if (row != null && seen.add(row.completions().get(0) + "\u0000" + row.completions().get(1))) {
                    rows.accept(row);
                    made++;
                }
            }
        }
        return made;
    }

    /** One side of a pair: its continuation, and the record and attempt it comes from. */
    private record Side(ComplianceRecord record, AttemptRecord attempt, List<ChatMessage> continuation) {
    }

    private int forkPairs(TaskRecords task, List<ComplianceRecord> episodes, Consumer<ExportRow> rows,
            Set<String> seen) {
        List<ComplianceRecord> passing = episodes.stream().filter(r -> r.passed() && r.error() == null).toList();
        List<ComplianceRecord> failing = episodes.stream().filter(r -> !r.passed() && r.error() == null).toList();
        List<ComplianceRecord> chosen = selection.allPairs() || passing.isEmpty() ? passing : passing.subList(0, 1);
        int made = 0;
        for (ComplianceRecord good : chosen) {
            for (ComplianceRecord bad : failing) {
                if (made >= selection.maxPairs()) {
                    return made;
                }
                int at = branchPoint(good.episode().messages(), bad.episode().messages());
                if (at < 0) {
                    counts.count(NOT_AT_ASSISTANT);
                    continue;
                }
                List<ChatMessage> a = good.episode().messages();
                List<ChatMessage> b = bad.episode().messages();
                ExportRow row = row(task, "episodes", good.episode().tools(), a.subList(0, at),
                        new Side(good, good.finalAttempt(), a.subList(at, a.size())),
                        new Side(bad, bad.finalAttempt(), b.subList(at, b.size())));
                if (row != null && seen.add(row.completions().get(0) + "\u0000" + row.completions().get(1))) {
                    rows.accept(row);
                    made++;
                }
            }
        }
        return made;
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
    private ExportRow row(TaskRecords task, String source, List<ToolDefinition> tools, List<ChatMessage> prefix,
            Side good, Side bad) {
        List<ChatMessage> chosen = good.continuation();
        List<ChatMessage> rejected = bad.continuation();
        Map<String, Object> row = new LinkedHashMap<>();
        try {
            if (flavor == Flavor.OPENAI) {
                if (chosen.size() != 1 || rejected.size() != 1) {
                    counts.count(TOO_LONG_FOR_OPENAI);
                    return null;
                }
                Map<String, Object> input = new LinkedHashMap<>();
                input.put("messages", EpisodeMessages.messages(flavor, prefix));
                input.put("tools", EpisodeMessages.tools(tools));
                row.put("input", input);
                row.put("preferred_output", EpisodeMessages.messages(flavor, chosen));
                row.put("non_preferred_output", EpisodeMessages.messages(flavor, rejected));
            } else {
                row.put("prompt", EpisodeMessages.messages(flavor, prefix));
                row.put("chosen", EpisodeMessages.messages(flavor, chosen));
                row.put("rejected", EpisodeMessages.messages(flavor, rejected));
                row.put("tools", EpisodeMessages.tools(tools));
            }
        } catch (EpisodeMessages.MalformedArguments e) {
            skipped.add(containsCall(chosen, e) ? good.record() : bad.record(), e);
            return null;
        }
        Map<String, Object> origin = new LinkedHashMap<>();
        origin.put("source", source);
        origin.put("chosen", Rows.origin(good.record(), good.attempt()));
        origin.put("rejected", Rows.origin(bad.record(), bad.attempt()));
        origin.put("rejected_fails", bad.attempt().constraints().stream()
                .filter(c -> c.level() == ConstraintLevel.HARD && !c.passed()).map(ConstraintResult::verifier).toList());
        return new ExportRow(row, task.taskId(), prefix, List.of(EpisodeMessages.completionText(chosen),
                EpisodeMessages.completionText(rejected)), true, good.record().rewardValue(),
                Rows.trace(good.record(), origin));
    }

    private static boolean containsCall(List<ChatMessage> messages, EpisodeMessages.MalformedArguments e) {
        return messages.stream().anyMatch(m -> m.toolCalls().contains(e.call()));
    }

    List<String> report() {
        List<String> lines = new ArrayList<>(skipped.report());
        long notAtAssistant = counts.get(NOT_AT_ASSISTANT);
        long tooLongForOpenAi = counts.get(TOO_LONG_FOR_OPENAI);
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
