package io.trace2train.spark;

import static java.util.Objects.requireNonNull;

import io.trace2train.engine.Engine;
import io.trace2train.engine.Exports;
import io.trace2train.engine.RescoreSpec;
import io.trace2train.engine.Rescorer;
import io.trace2train.engine.Rescoring;
import io.trace2train.engine.io.BadInputException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.jspecify.annotations.Nullable;
import scala.Tuple2;

/**
 * {@code score} on a cluster: the records of run folders judged again with a new constraint set or reward, each
 * executor judging its share of the lines with its own engine's {@link Rescorer}, the judged lines then streamed to
 * the driver in input order (run by run, line by line) and written as the new run folder's {@code records.jsonl},
 * byte for byte the file {@code trace2train score} writes, with the run's {@code manifest.json}, in a folder renamed
 * into place once complete.
 */
public final class ScoreJob {

    /** Each executor's judge per job: the constraints file is read and the verifiers built once, not per partition. */
    private static final Map<String, Rescorer> JUDGES = new ConcurrentHashMap<>();

    private ScoreJob() {
    }

    /**
     * What to judge again, in a form that travels to the executors.
     *
     * @param runs run (rollout, import) folders, on a file system every executor reads
     * @param constraints a task file giving each task's new constraints, or null to keep the records' own
     * @param added constraints added to every task's ({@code ID}, {@code ID:{ARGS}} or a constraint object)
     * @param reward the reward function, or null for the one that scored each record
     * @param output the new run folder
     */
    public record Options(EngineSettings settings, List<String> runs, @Nullable String constraints, List<String> added,
            @Nullable String reward, String output, boolean overwrite) implements Serializable {

        private static final long serialVersionUID = 1L;

        public Options {
            requireNonNull(settings, "settings");
            runs = List.copyOf(runs);
            added = List.copyOf(added);
            requireNonNull(output, "output");
        }

        RescoreSpec spec() {
            return new RescoreSpec(runs.stream().map(r -> Path.of(r).toAbsolutePath()).toList(),
                    constraints == null ? null : Path.of(constraints), added, reward);
        }
    }

    /** A line judged, or its problems. */
    private record Judged(Rescorer.@Nullable Rescored rescored, List<BadRowsException.BadRow> bad)
            implements Serializable {

        private static final long serialVersionUID = 1L;
    }

    /**
     * Runs the job on {@code spark}'s cluster.
     *
     * @throws BadRowsException naming every input line that is not a record or cannot be judged (nothing is written)
     */
    public static Rescoring.RescoreResult run(SparkSession spark, Options options) throws IOException {
        Engine engine = options.settings().engine();
        // the spec's checks (constraints file, added constraints, reward) fail here, before any work is spread
        Rescoring.Plan plan;
        try {
            plan = engine.rescoring().plan(options.spec());
            engine.rescoring().rescorer(plan);
        } catch (BadInputException e) {
            if (e.problems().isEmpty()) {
                throw e; // a setting, not a file's rows
            }
            throw new BadRowsException(BadRowsException.BadRow.of(e));
        }
        StagedOutput staged = StagedOutput.start(Path.of(options.output()), options.overwrite());
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        JavaPairRDD<Long, String> lines = JavaPairRDD.fromJavaRDD(jsc.emptyRDD());
        for (int i = 0; i < plan.inputs().size(); i++) {
            long run = i;
            Exports.RunFolder input = plan.inputs().get(i);
            lines = lines.union(jsc.textFile(input.records().toUri().toString()).zipWithIndex()
                    .mapToPair(pair -> new Tuple2<>(run << 32 | (pair._2() + 1), pair._1())));
        }
        List<String> files = plan.inputs().stream().map(f -> f.records().toString()).toList();
        JavaPairRDD<Long, Judged> judged = lines.mapPartitionsToPair(part -> judge(options, files, part));
        judged.persist(StorageLevel.MEMORY_AND_DISK_SER());
        try {
            List<BadRowsException.BadRow> bad = judged.values().flatMap(j -> j.bad().iterator()).collect();
            if (!bad.isEmpty()) {
                throw new BadRowsException(bad);
            }
            long[] counts = new long[4];
            try (BufferedWriter writer = Files.newBufferedWriter(staged.staging().resolve("records.jsonl"),
                    StandardCharsets.UTF_8)) {
                Iterator<Judged> sorted = judged.sortByKey().values().toLocalIterator();
                while (sorted.hasNext()) {
                    Rescorer.Rescored one = sorted.next().rescored();
                    if (one == null) {
                        continue; // a blank line, skipped as every reader skips it
                    }
                    writer.append(one.line()).append('\n');
                    counts[0]++;
                    counts[1] += one.passedBefore() ? 1 : 0;
                    counts[2] += one.passed() ? 1 : 0;
                    counts[3] += one.passedBefore() != one.passed() ? 1 : 0;
                }
            }
            plan.writeManifest(staged.staging());
            Path published = staged.publish();
            return new Rescoring.RescoreResult(published, plan.runId(), counts[0], counts[1], counts[2], counts[3]);
        } finally {
            judged.unpersist(false);
            StagedOutput.delete(staged.staging());
        }
    }

    /** Judges one partition's lines with this executor's engine. */
    private static Iterator<Tuple2<Long, Judged>> judge(Options options, List<String> files,
            Iterator<Tuple2<Long, String>> part) {
        Rescorer rescorer = JUDGES.computeIfAbsent(options + " " + version(options.constraints()), k -> {
            Engine engine = options.settings().engine();
            try {
                return engine.rescoring().rescorer(engine.rescoring().plan(options.spec()));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        List<Tuple2<Long, Judged>> out = new ArrayList<>();
        while (part.hasNext()) {
            Tuple2<Long, String> line = part.next();
            Path file = Path.of(files.get((int) (line._1() >>> 32)));
            int number = (int) (line._1() & 0xffffffffL);
            Judged one;
            try {
                one = new Judged(rescorer.line(file, number, line._2()), List.of());
            } catch (BadInputException e) {
                one = new Judged(null, BadRowsException.BadRow.of(e));
            }
            out.add(new Tuple2<>(line._1(), one));
        }
        return out.iterator();
    }

    /** A file's path, size and time: a constraints file rewritten between two jobs of one session is read again. */
    private static String version(@Nullable String file) {
        if (file == null) {
            return "";
        }
        try {
            Path path = Path.of(file);
            return file + " " + Files.size(path) + " " + Files.getLastModifiedTime(path).toMillis();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
