package io.trace2train.exporters.training;

import io.trace2train.api.record.ComplianceRecord;
import java.util.List;

/**
 * Episodes an exporter left out because a tool call's arguments are no JSON object (TRL's flavor holds them as
 * objects, and a chat template cannot render text that is not one): counted, and the first named, for the report.
 */
public final class SkippedEpisodes {

    private long count;
    private String first;

    public void add(ComplianceRecord record, EpisodeMessages.MalformedArguments why) {
        if (count++ == 0) {
            first = "record " + record.recordId() + " of task " + record.taskId() + ": " + why.getMessage();
        }
    }

    public long count() {
        return count;
    }

    /** A warning when any was skipped. */
    public List<String> report() {
        return count == 0 ? List.of() : List.of("warning: " + count + (count == 1 ? " row" : " rows") + " skipped:"
                + " a tool call's arguments are not a JSON object, as TRL's tool-calling rows need (first: " + first
                + ")");
    }
}
