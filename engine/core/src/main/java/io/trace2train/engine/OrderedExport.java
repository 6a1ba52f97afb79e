package io.trace2train.engine;

import static java.util.Objects.requireNonNull;

import io.trace2train.engine.export.ExportRun;
import io.trace2train.engine.export.ExportTarget;
import io.trace2train.engine.export.RowSelection;
import io.trace2train.engine.store.RunManifest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The part of an export that needs every task in order: takes each task's {@link TaskExport.Rows} in the export's
 * order, keeps what the per-task cap and de-duplication allow, and writes the file (and its sidecar) beside the
 * target, published with its dataset card by {@link #finish}. The same files as {@link Exports#export} writes for
 * the same tasks in the same order. Close it in any case: an unfinished export leaves nothing behind.
 */
public final class OrderedExport implements AutoCloseable {

    private final String format;
    private final String flavor;
    private final List<RunManifest> manifests;
    private final Path target;
    private final ExportTarget files;
    private final RowSelection selection;
    private final SortedMap<String, Long> unusable = new TreeMap<>();
    private long rows;
    private long passed;
    private long filtered;

    OrderedExport(String format, String flavor, List<RunManifest> manifests, Path target, ExportTarget files,
            RowSelection selection) {
        this.format = requireNonNull(format, "format");
        this.flavor = requireNonNull(flavor, "flavor");
        this.manifests = List.copyOf(manifests);
        this.target = requireNonNull(target, "target");
        this.files = requireNonNull(files, "files");
        this.selection = requireNonNull(selection, "selection");
    }

    /** The next task's rows. */
    public void add(TaskExport.Rows task) {
        filtered += task.filtered();
        files.addTally(task.tally());
        task.unusable().forEach((reason, count) -> unusable.merge(reason, count, Long::sum));
        int kept = 0;
        for (TaskExport.Row row : task.rows()) {
            if (selection.admit(row.key(), kept)) {
                kept++;
                passed += row.passed() ? 1 : 0;
                files.write(++rows, new io.trace2train.engine.export.RowMaker.Serialized(row.row(), row.trace()));
            }
        }
    }

    /**
     * Publishes the file and its card.
     *
     * @param records records read
     * @param tasks tasks read
     * @param warnings what the reader found (a run still written, incomplete tasks), without "warning: "
     */
    public Exports.ExportResult finish(long records, long tasks, List<String> warnings) throws IOException {
        List<String> report = new ArrayList<>(warnings.stream().map(w -> "warning: " + w).toList());
        Path card = files.publish(manifests, rows, passed, unusable, report);
        return new Exports.ExportResult(format, flavor, new ExportRun.Summary(records, tasks, rows,
                filtered + selection.filtered(), selection.duplicates(), unusable, passed, report, target,
                files.sidecar(), card));
    }

    @Override
    public void close() throws IOException {
        files.close();
    }
}
