package io.trace2train.exporters.training;

import io.trace2train.api.record.ComplianceRecord;
import java.util.List;

/**
 * Episodes an exporter left out because a tool call's arguments are no JSON object (TRL's flavor holds them as
 * objects, and a chat template cannot render text that is not one): counted, and the first named, for the report.
 */
public final class SkippedEpisodes {

    private static final String NAME = "skipped_episodes";

    private final ReportCounts counts;

    /** Counted in the exporter's {@code counts}, so that they travel with its tally. */
    public SkippedEpisodes(ReportCounts counts) {
        this.counts = java.util.Objects.requireNonNull(counts, "counts");
    }

    public void add(ComplianceRecord record, EpisodeMessages.MalformedArguments why) {
        counts.count(NAME, () -> "record " + record.recordId() + " of task " + record.taskId() + ": "
                + why.getMessage());
    }

    public long count() {
        return counts.get(NAME);
    }

    /** A warning when any was skipped. */
    public List<String> report() {
        long count = count();
        return count == 0 ? List.of() : List.of("warning: " + count + (count == 1 ? " row" : " rows") + " skipped:"
                + " a tool call's arguments are not a JSON object, as TRL's tool-calling rows need (first: "
                + counts.first(NAME).orElseThrow() + ")");
    }
}
