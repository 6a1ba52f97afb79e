package io.trace2train.engine.export;

import io.trace2train.engine.io.LongHashSet;

/**
 * The filters that depend on the rows before: the per-task cap (rows kept for the task so far) and de-duplication
 * (rows kept so far, across every task and run). Rows must come in the export's order, one task after the other.
 */
public final class RowSelection {

    private final ExportFilters filters;
    private final LongHashSet seen = new LongHashSet();
    private long filtered;
    private long duplicates;

    public RowSelection(ExportFilters filters) {
        this.filters = filters;
    }

    /**
     * Whether a row the screens let through is kept: a row over its task's cap counts as filtered, one whose key an
     * earlier kept row has as a duplicate.
     *
     * @param keptForTask rows of this row's task kept before it
     */
    public boolean admit(long key, int keptForTask) {
        if (filters.maxPerTask() > 0 && keptForTask >= filters.maxPerTask()) {
            filtered++;
            return false;
        }
        if (filters.dedupe() && !seen.add(key)) {
            duplicates++;
            return false;
        }
        return true;
    }

    /** Rows over their task's cap. */
    public long filtered() {
        return filtered;
    }

    public long duplicates() {
        return duplicates;
    }
}
