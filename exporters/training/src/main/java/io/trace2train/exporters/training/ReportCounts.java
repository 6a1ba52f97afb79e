package io.trace2train.exporters.training;

import io.trace2train.api.export.ExportTally;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The counts behind an exporter's report (rows it skipped, pairs it could not make), kept as {@link ExportTally}s so
 * that a job exporting tasks on one exporter and writing the file with another can move them across: the report
 * reads the total; {@link #take} hands out what was counted since its last call.
 */
public final class ReportCounts {

    private ExportTally total = ExportTally.NONE;
    private ExportTally pending = ExportTally.NONE;

    /** Counts one item under {@code name}. */
    public void count(String name) {
        add(new ExportTally(new TreeMap<>(Map.of(name, 1L)), new TreeMap<>()), true);
    }

    /** Counts one item under {@code name}; the first one counted under it also leaves its note. */
    public void count(String name, Supplier<String> note) {
        add(new ExportTally(new TreeMap<>(Map.of(name, 1L)), total.firsts().containsKey(name) ? new TreeMap<>()
                : new TreeMap<>(Map.of(name, note.get()))), true);
    }

    public long get(String name) {
        return total.counts().getOrDefault(name, 0L);
    }

    /** The note of the first item counted under {@code name}. */
    public Optional<String> first(String name) {
        return Optional.ofNullable(total.firsts().get(name));
    }

    /** What was counted since the last call. */
    public ExportTally take() {
        ExportTally taken = pending;
        pending = ExportTally.NONE;
        return taken;
    }

    /** Adds what another exporter counted, after what this one has. */
    public void add(ExportTally tally) {
        add(tally, false);
    }

    private void add(ExportTally tally, boolean counted) {
        total = total.plus(tally);
        if (counted) {
            pending = pending.plus(tally);
        }
    }
}
