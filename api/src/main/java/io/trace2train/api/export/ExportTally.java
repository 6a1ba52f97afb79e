package io.trace2train.api.export;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What an exporter counted for its {@link Exporter#report} over some tasks: where tasks are exported in one place
 * and the file is written in another (a Spark job's executors and its driver), each task's tally travels to the
 * writing exporter, so the report says what one pass over the same tasks would.
 *
 * @param counts counts by name; tallies add them
 * @param firsts a note on the first item counted under a name; when tallies add, the earlier tally's note stays
 */
public record ExportTally(SortedMap<String, Long> counts, SortedMap<String, String> firsts) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Nothing counted. */
    public static final ExportTally NONE = new ExportTally(new TreeMap<>(), new TreeMap<>());

    public ExportTally {
        counts = Collections.unmodifiableSortedMap(new TreeMap<>(requireNonNull(counts, "counts")));
        firsts = Collections.unmodifiableSortedMap(new TreeMap<>(requireNonNull(firsts, "firsts")));
    }

    public boolean isEmpty() {
        return counts.isEmpty() && firsts.isEmpty();
    }

    /** This tally and a later one: counts summed, this one's notes kept where both have one. */
    public ExportTally plus(ExportTally later) {
        if (later.isEmpty()) {
            return this;
        }
        SortedMap<String, Long> sum = new TreeMap<>(counts);
        later.counts.forEach((name, count) -> sum.merge(name, count, Long::sum));
        SortedMap<String, String> notes = new TreeMap<>(later.firsts);
        notes.putAll(firsts);
        return new ExportTally(sum, notes);
    }
}
