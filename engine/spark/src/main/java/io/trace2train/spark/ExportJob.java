package io.trace2train.spark;

import static java.util.Objects.requireNonNull;

import io.trace2train.engine.Engine;
import io.trace2train.engine.ExportSpec;
import io.trace2train.engine.Exports;
import io.trace2train.engine.OrderedExport;
import io.trace2train.engine.RecordFiles;
import io.trace2train.engine.TaskExport;
import io.trace2train.engine.io.BadInputException;
import io.trace2train.engine.rollout.RecordGroups;
import io.trace2train.engine.rollout.TaskKey;
import io.trace2train.api.export.TaskRecords;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.jspecify.annotations.Nullable;
import scala.Tuple2;

/**
 * {@code export} on a cluster: the same training file as {@code trace2train export} of the same run folders, row
 * for row and byte for byte. A task's records may be anywhere in the input: the lines are sorted by the engine's
 * {@link TaskKey} (task id, then run: the single-machine export's order) into ranges, so each task's lines meet in one
 * partition, next to each other; each group is exported where it lands (rows made, screened, checked and serialized by
 * the engine's {@link TaskExport}) as the sorted lines stream past. The exported partitions are then streamed to the
 * driver in order, where an {@link OrderedExport} applies the per-task cap and de-duplication, which depend on the
 * rows before, and writes the file. Output: the training file (and its trace sidecar), the dataset card and
 * {@code _SUCCESS}, in a folder renamed into place once complete; as Parquet, the same Hub dataset folder as the
 * single-machine export (card, {@code data/SPLIT-00000-of-00001.parquet}) written by the same engine writer, plus
 * {@code _SUCCESS}.
 */
public final class ExportJob {

    private ExportJob() {
    }

    /**
     * What to export, in a form that travels to the executors.
     *
     * @param runs run (or rollout) folders, on a file system every executor reads
     * @param output the output folder
     * @param file the training file's name in it (JSONL only: as Parquet the folder is the dataset)
     * @param parquet whether the output is a Hub dataset folder of Parquet files, as {@code export --output-format
     *     parquet} writes it
     * @param validationShare the share of tasks in a {@code validation} split (0: one {@code train} split)
     * @param splitSeed the seed of the split by task
     */
    public record Options(EngineSettings settings, List<String> runs, String format, @Nullable String flavor,
            Map<String, String> options, boolean passOnly, @Nullable Double minReward, int maxPerTask, boolean dedupe,
            String output, String file, boolean overwrite, boolean parquet, double validationShare, long splitSeed)
            implements Serializable {

        private static final long serialVersionUID = 1L;

        public Options {
            requireNonNull(settings, "settings");
            runs = List.copyOf(runs);
            requireNonNull(format, "format");
            options = Map.copyOf(options);
            requireNonNull(output, "output");
            requireNonNull(file, "file");
        }

        /** A JSONL export in one {@code train} split. */
        public Options(EngineSettings settings, List<String> runs, String format, @Nullable String flavor,
                Map<String, String> options, boolean passOnly, @Nullable Double minReward, int maxPerTask,
                boolean dedupe, String output, String file, boolean overwrite) {
            this(settings, runs, format, flavor, options, passOnly, minReward, maxPerTask, dedupe, output, file,
                    overwrite, false, 0, 0);
        }

        /** The engine's spec of this export, writing to {@code target}. */
        ExportSpec spec(Path target) {
            return ExportSpec.builder(format, target).runs(runs.stream().map(Path::of).toList()).flavor(flavor)
                    .options(options).passOnly(passOnly).minReward(minReward).maxPerTask(maxPerTask).dedupe(dedupe)
                    .overwrite(true).parquet(parquet).split(validationShare, splitSeed).build();
        }

        /** What the export writes in {@code folder}: the training file, or as Parquet the folder itself. */
        Path target(Path folder) {
            return parquet ? folder : folder.resolve(file);
        }
    }

    /** A run folder as the executors need it. */
    private record Run(String folder, String records, String runId, int perTask, int stopAfterPasses)
            implements Serializable {

        private static final long serialVersionUID = 1L;

        Exports.RunFolder runFolder() {
            return new Exports.RunFolder(Path.of(folder), runId, Path.of(records), perTask, stopAfterPasses, false);
        }
    }

    /** A line of a run's records file, keyed by its task; or a line that is not a record. */
    private record Keyed(TaskKey key, int line, String text, BadRowsException.@Nullable BadRow bad)
            implements Serializable {

        private static final long serialVersionUID = 1L;
    }

    /** One task group's rows and the records it was made of; or the group's bad lines. */
    private record Made(TaskExport.@Nullable Rows rows, int records, int run,
            List<BadRowsException.BadRow> bad) implements Serializable {

        private static final long serialVersionUID = 1L;
    }

    /**
     * Runs the export on {@code spark}'s cluster.
     *
     * @throws BadRowsException naming every input line that is not a record of its run (nothing is written)
     * @throws java.nio.file.FileAlreadyExistsException when the output exists and overwriting was not allowed
     */
    public static Exports.ExportResult run(SparkSession spark, Options options) throws IOException {
        Engine engine = options.settings().engine();
        Path output = Path.of(options.output()).toAbsolutePath();
        // the spec's checks (format, flavor, options, filters) fail here, before any work is spread
        engine.exports().tasks(options.spec(options.target(output)));
        List<Run> runs = new ArrayList<>();
        List<Exports.RunFolder> folders = new ArrayList<>();
        for (String folder : options.runs()) {
            Exports.RunFolder run = engine.exports().runFolder(Path.of(folder).toAbsolutePath());
            folders.add(run);
            runs.add(new Run(run.folder().toString(), run.records().toString(), run.runId(), run.perTask(),
                    run.stopAfterPasses()));
        }
        StagedOutput staged = StagedOutput.start(output, options.overwrite());
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        JavaRDD<Keyed> lines = jsc.emptyRDD();
        for (int i = 0; i < runs.size(); i++) {
            lines = lines.union(keyed(jsc, runs.get(i), i));
        }
        // One shuffle: the lines sorted by task key into ranges (a task's lines all in one partition, next to each
        // other), each partition's groups exported as they stream past, then kept serialized (spilling to disk) so
        // that the driver reads the partitions in order without exporting them again. Bad lines travel with the
        // rest under an empty task id, so finding them costs no pass of its own.
        JavaRDD<Made> made = lines.mapToPair(l -> new Tuple2<>(l.key(), l))
                .sortByKey()
                .mapPartitions(sorted -> new GroupExport(options, runs, sorted));
        made.persist(StorageLevel.MEMORY_AND_DISK_SER());
        try {
            List<BadRowsException.BadRow> bad = made.flatMap(m -> m.bad().iterator()).collect();
            if (!bad.isEmpty()) {
                throw new BadRowsException(bad);
            }
            Exports.ExportResult result;
            Path file = options.target(staged.staging());
            try (OrderedExport ordered = engine.exports().ordered(options.spec(file), file)) {
                long records = 0;
                long tasks = 0;
                long[] incomplete = new long[runs.size()];
                Iterator<Made> sorted = made.toLocalIterator();
                while (sorted.hasNext()) {
                    Made group = sorted.next();
                    TaskExport.Rows rows = requireNonNull(group.rows(), "a group without rows has bad lines");
                    records += group.records();
                    tasks++;
                    incomplete[group.run()] += rows.incomplete() ? 1 : 0;
                    ordered.add(rows);
                }
                List<String> warnings = new ArrayList<>();
                for (int i = 0; i < folders.size(); i++) {
                    warnings.addAll(folders.get(i).warnings(incomplete[i]));
                }
                result = ordered.finish(records, tasks, warnings);
            }
            staged.publish();
            return result;
        } finally {
            made.unpersist(false);
            StagedOutput.delete(staged.staging());
        }
    }

    /** A run's records, each line keyed by run and task; blank lines dropped (every reader skips them). */
    private static JavaRDD<Keyed> keyed(JavaSparkContext jsc, Run run, int index) {
        return jsc.textFile(Path.of(run.records()).toUri().toString()).zipWithIndex().flatMap(pair -> {
            int line = Math.toIntExact(pair._2() + 1);
            try {
                Optional<String> task = RecordFiles.taskId(Path.of(run.records()), line, pair._1());
                return task.map(t -> List.of(new Keyed(new TaskKey(t, index), line, pair._1(), null)))
                        .orElse(List.of()).iterator();
            } catch (BadInputException e) {
                return BadRowsException.BadRow.of(e).stream().map(b -> new Keyed(new TaskKey("", index), line, "", b))
                        .iterator();
            }
        });
    }

    /**
     * Exports one partition's groups with this executor's engine, one group at a time as the sorted lines stream
     * past, so a partition is never held whole (only the group being read).
     */
    private static final class GroupExport implements Iterator<Made> {

        private final List<Run> runs;
        private final TaskExport tasks;
        private final Iterator<Tuple2<TaskKey, Keyed>> sorted;
        private @Nullable Tuple2<TaskKey, Keyed> next;

        GroupExport(Options options, List<Run> runs, Iterator<Tuple2<TaskKey, Keyed>> sorted) {
            this.runs = runs;
            this.tasks = options.settings().engine().exports().tasks(options.spec(options.target(Path.of(options
                    .output()))));
            this.sorted = sorted;
            this.next = sorted.hasNext() ? sorted.next() : null;
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public Made next() {
            if (next == null) {
                throw new java.util.NoSuchElementException();
            }
            TaskKey key = next._1();
            if (next._2().bad() != null) {
                // each bad line is its own group: it has no task
                Made bad = new Made(null, 0, key.run(), List.of(next._2().bad()));
                advance();
                return bad;
            }
            List<RecordGroups.Line> lines = new ArrayList<>();
            while (next != null && next._1().equals(key) && next._2().bad() == null) {
                lines.add(new RecordGroups.Line(next._2().line(), next._2().text()));
                advance();
            }
            Run run = runs.get(key.run());
            try {
                TaskRecords records = RecordFiles.task(Path.of(run.records()), run.runId(), key, lines);
                return new Made(tasks.rows(records, run.runFolder()), records.ranked().size(), key.run(), List.of());
            } catch (BadInputException e) {
                return new Made(null, 0, key.run(), BadRowsException.BadRow.of(e));
            }
        }

        private void advance() {
            next = sorted.hasNext() ? sorted.next() : null;
        }
    }
}
