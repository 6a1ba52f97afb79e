package io.trace2train.engine;

import static java.util.Objects.requireNonNull;

import io.trace2train.api.export.ExportTally;
import io.trace2train.api.export.Exporter;
import io.trace2train.api.export.TaskRecords;
import io.trace2train.engine.export.ExportRun;
import io.trace2train.engine.export.RowMaker;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The part of an export that looks at one task alone: its rows made, screened (unusable, pass only, minimum reward),
 * keyed for de-duplication, checked against the format's schema and serialized. A job that spreads tasks over
 * machines runs this where the records are and hands the rows, in the export's order, to an {@link OrderedExport},
 * which applies what depends on the rows before (the per-task cap, de-duplication). Not thread-safe: one per thread.
 */
public final class TaskExport {

    private final Exporter exporter;
    private final RowMaker maker;

    TaskExport(Exporter exporter, RowMaker maker) {
        this.exporter = requireNonNull(exporter, "exporter");
        this.maker = requireNonNull(maker, "maker");
    }

    /**
     * A row made and serialized, not yet placed.
     *
     * @param key its de-duplication key
     * @param passed whether its (chosen) completion passes every hard constraint
     * @param row the row's JSON line, without the line break
     * @param trace its trace object's JSON where the trace goes in a sidecar, else null
     */
    public record Row(long key, boolean passed, String row, String trace) implements Serializable {

        private static final long serialVersionUID = 1L;

        public Row {
            requireNonNull(row, "row");
        }
    }

    /**
     * One task's rows, best first, with what the screens dropped.
     *
     * @param rows the rows the screens let through
     * @param filtered rows the pass-only or minimum-reward filter dropped
     * @param unusable rows that can train nothing, by reason
     * @param incomplete whether the task has fewer records than its run's forks (and did not stop early)
     * @param tally what the exporter counted for its report on this task, for the exporter that writes the file
     */
    public record Rows(List<Row> rows, long filtered, SortedMap<String, Long> unusable, boolean incomplete,
            ExportTally tally) implements Serializable {

        private static final long serialVersionUID = 1L;

        public Rows {
            rows = List.copyOf(rows);
            unusable = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(unusable));
            requireNonNull(tally, "tally");
        }
    }

    /** One task's rows, as {@link Exports#export} makes them. */
    public Rows rows(TaskRecords task, Exports.RunFolder run) {
        List<Row> rows = new ArrayList<>();
        long[] filtered = new long[1];
        SortedMap<String, Long> unusable = new TreeMap<>();
        exporter.export(task, row -> {
            // unusable rows go first, so that they take no place under a per-task cap
            Optional<String> problem = maker.unusable(row);
            if (problem.isPresent()) {
                unusable.merge(problem.get(), 1L, Long::sum);
            } else if (maker.filtered(row)) {
                filtered[0]++;
            } else {
                RowMaker.Serialized serialized = maker.serialize(row);
                rows.add(new Row(maker.key(row), row.passed(), serialized.row(), serialized.trace()));
            }
        });
        return new Rows(rows, filtered[0], unusable,
                !ExportRun.complete(task, run.perTask(), run.stopAfterPasses()), exporter.takeTally());
    }
}
