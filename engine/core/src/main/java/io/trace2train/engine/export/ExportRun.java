package io.trace2train.engine.export;

import static java.util.Objects.requireNonNull;

import io.trace2train.api.export.ExportRow;
import io.trace2train.api.export.Exporter;
import io.trace2train.api.export.ExporterFactory;
import io.trace2train.api.export.TaskRecords;
import io.trace2train.api.export.TrainingTexts;
import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.engine.io.OrderedPipeline;
import io.trace2train.engine.rollout.RecordGroups;
import io.trace2train.engine.store.RunDirectory;
import io.trace2train.engine.store.RunLock;
import io.trace2train.engine.store.RunManifest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Exports a run folder to one training file: reads {@code records.jsonl} task by task in {@link
 * io.trace2train.engine.rollout.TaskKey} order (by task id, then run; memory holds a few tasks' records and an index
 * of the lines, whatever the run's size), lets the exporter make rows, filters them, checks each against the format's
 * JSON Schema, and writes it with its trace (in the row, or line for line in {@code FILE.meta.jsonl}). Files are
 * written beside the target and renamed over it at the end: a failed or killed export leaves no half-written file.
 */
public final class ExportRun {

    /** The sidecar's suffix: {@code rows.jsonl} gets {@code rows.jsonl.meta.jsonl}. */
    public static final String SIDECAR_SUFFIX = ".meta.jsonl";

    /**
     * What an export did.
     *
     * @param records records read
     * @param tasks tasks read
     * @param rows rows written
     * @param filtered rows the filters dropped (pass only, minimum reward, per-task cap)
     * @param duplicates rows dropped as duplicates
     * @param unusable rows skipped because a text can train nothing, by reason (see {@link TrainingTexts})
     * @param passed rows written whose (chosen) completion passes every hard constraint (KTO's desirable rows)
     * @param report the exporter's figures and warnings about the file (warnings start with "warning: ")
     * @param file the training file
     * @param sidecar the trace sidecar, or null where the rows carry their trace
     * @param card the folder's dataset card declaring the file's column types, or null where none could be written
     */
    public record Summary(long records, long tasks, long rows, long filtered, long duplicates,
            SortedMap<String, Long> unusable, long passed, List<String> report, Path file, Path sidecar, Path card) {

        public Summary {
            unusable = Collections.unmodifiableSortedMap(new TreeMap<>(unusable));
            report = List.copyOf(report);
            requireNonNull(file, "file");
        }

        /** Rows skipped as unusable, every reason together. */
        public long unusableRows() {
            return unusable.values().stream().mapToLong(Long::longValue).sum();
        }

        /** The report's warnings, without their "warning: " prefix. */
        public List<String> warnings() {
            return report.stream().filter(l -> l.startsWith(WARNING)).map(l -> l.substring(WARNING.length()))
                    .toList();
        }
    }

    private static final String WARNING = "warning: ";

    private final ExporterFactory factory;
    private final Exporter exporter;
    private final RowMaker template;
    private final DatasetLayout layout;

    /** Rows per serialized batch; few batches in flight keep what the heap holds young (see RecordGroups). */
    private static final int BATCH = 128;

    // one export's state, set afresh by each export
    private RowMaker maker;
    private RowSelection selection;
    private long tasks;
    private long rows;
    private long filtered;
    private long passed;
    private SortedMap<String, Long> unusable;

    public ExportRun(ExporterFactory factory, Exporter exporter, ExportFilters filters) {
        this(factory, exporter, filters, DatasetLayout.JSONL);
    }

    /** An export laid out as {@code layout} (Parquet, a validation split). */
    public ExportRun(ExporterFactory factory, Exporter exporter, ExportFilters filters, DatasetLayout layout) {
        this.layout = layout;
        this.factory = factory;
        this.exporter = exporter;
        // a row schema that cannot be read fails here, before any file is opened
        this.template = new RowMaker(factory, exporter, filters);
    }

    /** Exports the run in {@code runFolder} to {@code target}. */
    public Summary export(Path runFolder, Path target) throws IOException {
        return export(List.of(runFolder), target);
    }

    /** Exports runs, one after the other, to one file; de-duplication spans them all. */
    public Summary export(List<Path> runFolders, Path target) throws IOException {
        maker = template.forAnotherThread();
        selection = new RowSelection(template.filters());
        tasks = rows = filtered = passed = 0;
        unusable = new TreeMap<>();
        List<RunManifest> manifests = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Path runFolder : runFolders) {
            manifests.add(RunDirectory.readManifest(runFolder));
            if (RunLock.isHeld(runFolder)) {
                warnings.add(stillWritten(runFolder));
            }
        }
        int threads = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(threads,
                Thread.ofPlatform().name("export-", 0).daemon().factory());
        long read = 0;
        Path card;
        List<String> report;
        try (ExportTarget files = new ExportTarget(factory, exporter, maker, target, layout)) {
            // rows are made in order on this thread, then checked and serialized on the pool in batches (each batch
            // with its own maker: a maker remembers the last prompt)
            OrderedPipeline<List<Prepared>, Chunk> serialize = new OrderedPipeline<>(pool, 2 * threads,
                    this::serialize, chunk -> files.write(chunk.rows(), chunk.sidecar()));
            List<List<Prepared>> pending = new ArrayList<>(List.of(new ArrayList<>(BATCH)));
            List<RecordGroups.Source> sources = new ArrayList<>();
            for (int i = 0; i < runFolders.size(); i++) {
                sources.add(new RecordGroups.Source(runFolders.get(i).resolve(RunDirectory.RECORDS),
                        manifests.get(i).runId()));
            }
            long[] incomplete = new long[runFolders.size()];
            read = RecordGroups.forEachInOrder(sources, (key, group) -> {
                tasks++;
                RunManifest manifest = manifests.get(key.run());
                if (!complete(group, perTask(manifest), stopAfterPasses(manifest))) {
                    incomplete[key.run()]++;
                }
                int[] kept = new int[1];
                exporter.export(group, row -> {
                    if (keep(row, kept[0])) {
                        kept[0]++;
                        passed += row.passed() ? 1 : 0;
                        pending.getFirst().add(new Prepared(row, ++rows));
                        if (pending.getFirst().size() == BATCH) {
                            serialize.submit(pending.getFirst());
                            pending.set(0, new ArrayList<>(BATCH));
                        }
                    }
                });
            });
            for (int i = 0; i < runFolders.size(); i++) {
                if (incomplete[i] > 0) {
                    warnings.add(incomplete(incomplete[i], runFolders.get(i), perTask(manifests.get(i))));
                }
            }
            serialize.submit(pending.getFirst());
            serialize.drain();
            report = ExportTarget.warnings(warnings);
            card = files.publish(manifests, rows, passed, unusable, report);
            return new Summary(read, tasks, rows, filtered + selection.filtered(), selection.duplicates(), unusable,
                    passed, report, target, files.sidecar(), card);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The warning for a run folder a run still writes. */
    public static String stillWritten(Path runFolder) {
        return runFolder + " is still being written by a run: only the records finished so far are exported";
    }

    /** The warning for tasks of a run with fewer records than its forks. */
    public static String incomplete(long tasks, Path runFolder, int perTask) {
        return tasks + (tasks == 1 ? " task" : " tasks") + " of " + runFolder + " are incomplete (fewer than its "
                + perTask + " forks recorded): finish them with `rollouts --resume " + runFolder + "`";
    }

    /** Records a task of the run is complete with: its forks, or 1. */
    public static int perTask(RunManifest manifest) {
        return manifest.rollout() == null ? 1 : manifest.rollout().forks();
    }

    /** Passing forks after which a task of the run stopped early, or 0. */
    public static int stopAfterPasses(RunManifest manifest) {
        return manifest.rollout() == null ? 0 : manifest.rollout().stopAfterPasses();
    }

    /** A task has all its forks, or those it needed: an early stop skips the rest once enough passed. */
    public static boolean complete(TaskRecords group, int perTask, int stopAfterPasses) {
        return group.ranked().size() >= perTask || (stopAfterPasses > 0
                && group.ranked().stream().filter(ComplianceRecord::passed).count() >= stopAfterPasses);
    }

    /** A kept row and its 1-based line in the file. */
    private record Prepared(ExportRow row, long line) {
    }

    /** Serialized rows, and their sidecar lines where the trace goes there. */
    private record Chunk(byte[] rows, byte[] sidecar) {
    }

    private boolean keep(ExportRow row, int keptForTask) {
        // unusable rows go first, so that they take no place under a per-task cap
        Optional<String> problem = maker.unusable(row);
        if (problem.isPresent()) {
            unusable.merge(problem.get(), 1L, Long::sum);
            return false;
        }
        if (maker.filtered(row)) {
            filtered++;
            return false;
        }
        return selection.admit(maker.key(row), keptForTask);
    }

    private Chunk serialize(List<Prepared> batch) {
        RowMaker serializer = template.forAnotherThread();
        // each line encoded once into the chunk: a text builder would copy the batch twice more
        ByteArrayOutputStream rowBytes = new ByteArrayOutputStream(batch.size() * 4096);
        ByteArrayOutputStream metaBytes = serializer.sidecar() ? new ByteArrayOutputStream(batch.size() * 1024) : null;
        for (Prepared prepared : batch) {
            RowMaker.Serialized row = serializer.serialize(prepared.row());
            rowBytes.writeBytes(row.row().getBytes(StandardCharsets.UTF_8));
            rowBytes.write('\n');
            if (metaBytes != null) {
                metaBytes.writeBytes(RowMaker.sidecarLine(prepared.line(), row.trace()).getBytes(StandardCharsets.UTF_8));
                metaBytes.write('\n');
            }
        }
        return new Chunk(rowBytes.toByteArray(), metaBytes == null ? null : metaBytes.toByteArray());
    }
}
