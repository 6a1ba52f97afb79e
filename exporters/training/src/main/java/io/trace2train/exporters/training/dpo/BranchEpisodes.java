package io.trace2train.exporters.training.dpo;

import io.trace2train.api.record.AttemptRecord;
import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.api.task.ChatMessage;
import java.util.ArrayList;
import java.util.List;

/** The whole episode each attempt of an agent record played, rebuilt from the branches the attempts keep. */
final class BranchEpisodes {

    private BranchEpisodes() {
    }

    /**
     * The messages of attempt {@code index}'s episode: its {@code sent} and its branch for an episode played from the
     * start, the forked episode's first {@code fork_at} messages and its branch for a fork; null when the record does
     * not keep it (an older record, or a fork that names a later or missing attempt).
     */
    static List<ChatMessage> of(ComplianceRecord record, int index) {
        List<AttemptRecord> attempts = record.attempts();
        if (index < 0 || index >= attempts.size()) {
            return null;
        }
        AttemptRecord attempt = attempts.get(index);
        AttemptRecord.Branch branch = attempt.branch();
        if (branch == null) {
            return null;
        }
        List<ChatMessage> messages;
        if (branch.isFork()) {
            List<ChatMessage> parent = branch.from() < index ? of(record, branch.from()) : null;
            if (parent == null || branch.forkAt() > parent.size()) {
                return null;
            }
            messages = new ArrayList<>(parent.subList(0, branch.forkAt()));
        } else {
            if (attempt.sent() == null) {
                return null;
            }
            messages = new ArrayList<>(attempt.sent());
        }
        messages.addAll(branch.messages());
        return messages;
    }
}
