package io.trace2train.spark;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trace2train.engine.Dedup;
import io.trace2train.engine.dedup.DuplicateClusters;
import io.trace2train.engine.dedup.RowText;
import io.trace2train.engine.io.BadInputException;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.feature.MinHashLSH;
import org.apache.spark.ml.feature.MinHashLSHModel;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.jspecify.annotations.Nullable;

/**
 * {@code dedup} on a cluster: near-duplicate training rows removed. Each row's prompt, completion or both become word
 * shingles ({@link Dedup#features}); Spark ML's {@link MinHashLSH} finds the candidate pairs, whose exact Jaccard
 * similarity (over the shingle features) must reach the threshold; the driver joins the pairs into clusters
 * ({@link Dedup#removed}: connected components) and keeps each cluster's first row in input order. The kept rows are
 * written in input order under their files' names, with {@code dedup_report.json}, in a folder renamed into place
 * once complete.
 *
 * <p>MinHash misses a pair only by chance: with {@code T} hash tables a pair of similarity {@code s} becomes a
 * candidate with probability {@code 1 - (1 - s)^T} (Spark's MinHashLSH ORs one min-hash per table), so at
 * {@code T = 5} a pair of 0.8 is missed 1 time in 3,125 and one of 0.5 1 time in 32; a found pair is never a false
 * one (its exact similarity is checked).
 */
public final class DedupJob {

    /** The report's file in the output folder. */
    public static final String REPORT = "dedup_report.json";
    /** Added to the distance bound: Spark keeps distances strictly below it, the job similarities at the threshold. */
    private static final double EPSILON = 1e-9;

    private DedupJob() {
    }

    /**
     * What to de-duplicate, in a form that travels to the executors.
     *
     * @param inputs training files, or folders of them, on a file system every executor reads
     * @param on what two rows are compared by: {@code prompt}, {@code completion} or {@code both}
     * @param threshold the Jaccard similarity from which two rows are near-duplicates, in (0, 1]
     * @param hashTables MinHash tables (more: fewer missed pairs, more work)
     * @param seed the MinHash functions' seed
     * @param shingle words per shingle
     * @param partitions the least number of parts to read each file in; 0 for Spark's default
     */
    public record Options(List<String> inputs, String output, String on, double threshold, int hashTables, long seed,
            int shingle, int partitions, boolean overwrite) implements Serializable {

        private static final long serialVersionUID = 1L;

        public Options {
            inputs = List.copyOf(inputs);
            requireNonNull(output, "output");
            Dedup.On.of(on);
            if (!(threshold > 0 && threshold <= 1)) {
                throw new IllegalArgumentException("--threshold is a Jaccard similarity in (0, 1], got " + threshold);
            }
            if (hashTables < 1) {
                throw new IllegalArgumentException("--num-hash-tables is at least 1, got " + hashTables);
            }
            if (shingle < 1) {
                throw new IllegalArgumentException("--shingle is at least 1 word, got " + shingle);
            }
        }
    }

    /** A row's features; or its problem. */
    private record Parsed(long key, @Nullable String id, int[] features, BadRowsException.@Nullable BadRow bad)
            implements Serializable {

        private static final long serialVersionUID = 1L;
    }

    /**
     * What the job found.
     *
     * @param rows rows read
     * @param kept rows written
     * @param removed the removed rows, in input order
     * @param output the output folder
     */
    public record Result(long rows, long kept, List<DuplicateClusters.Removed> removed, Path output) {

        public Result {
            removed = List.copyOf(removed);
        }
    }

    /**
     * @throws BadRowsException naming every line that is no training row (nothing is written)
     */
    public static Result run(SparkSession spark, Options options) throws IOException {
        TrainingRowFiles files = TrainingRowFiles.of(options.inputs());
        Dedup.On on = Dedup.On.of(options.on());
        StagedOutput staged = StagedOutput.start(Path.of(options.output()), options.overwrite());
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        JavaRDD<TrainingRowFiles.Line> lines = files.lines(jsc, options.partitions())
                .persist(StorageLevel.MEMORY_AND_DISK_SER());
        List<String> names = files.files();
        int shingle = options.shingle();
        JavaRDD<Parsed> parsed = lines.map(line -> parse(names, line, on, shingle))
                .persist(StorageLevel.MEMORY_AND_DISK_SER());
        try {
            List<BadRowsException.BadRow> bad = parsed.filter(p -> p.bad() != null).map(Parsed::bad).collect();
            if (!bad.isEmpty()) {
                throw new BadRowsException(bad);
            }
            long rows = parsed.count();
            long noText = parsed.filter(p -> p.features().length == 0).count();
            List<DuplicateClusters.Removed> removed = Dedup.removed(pairs(spark, parsed, options));
            long[] gone = removed.stream().mapToLong(DuplicateClusters.Removed::row).sorted().toArray();
            Broadcast<long[]> goneEverywhere = jsc.broadcast(gone);
            long kept = files.write(staged.staging(), lines.filter(l -> Arrays.binarySearch(goneEverywhere.value(),
                    l.key()) < 0).toLocalIterator());
            writeReport(staged.staging().resolve(REPORT), options, files, ids(parsed, removed), rows, kept, noText,
                    removed);
            goneEverywhere.destroy();
            return new Result(rows, kept, removed, staged.publish());
        } finally {
            parsed.unpersist(false);
            lines.unpersist(false);
            StagedOutput.delete(staged.staging());
        }
    }

    private static Parsed parse(List<String> files, TrainingRowFiles.Line line, Dedup.On on, int shingle) {
        try {
            RowText row = Dedup.row(Path.of(files.get(line.file())), line.line(), line.text());
            return new Parsed(line.key(), row.id(), Dedup.features(row, on, shingle), null);
        } catch (BadInputException e) {
            return new Parsed(line.key(), null, new int[0], TrainingRowFiles.bad(e).getFirst());
        }
    }

    /** MinHash's candidate pairs whose exact similarity reaches the threshold, as (earlier, later) rows. */
    private static List<DuplicateClusters.Pair> pairs(SparkSession spark, JavaRDD<Parsed> parsed, Options options) {
        int dimension = Dedup.dimension();
        StructType schema = new StructType().add("id", DataTypes.LongType, false)
                .add("features", SQLDataTypes.VectorType(), false);
        // a row without words has nothing to compare (MinHash refuses an empty set): it is kept
        JavaRDD<Row> rows = parsed.filter(p -> p.features().length > 0).map(p -> {
            double[] ones = new double[p.features().length];
            Arrays.fill(ones, 1.0);
            return RowFactory.create(p.key(), Vectors.sparse(dimension, p.features(), ones));
        });
        Dataset<Row> frame = spark.createDataFrame(rows, schema);
        MinHashLSHModel model = new MinHashLSH().setNumHashTables(options.hashTables()).setSeed(options.seed())
                .setInputCol("features").setOutputCol("hashes").fit(frame);
        List<Row> joined = model.approxSimilarityJoin(frame, frame, 1 - options.threshold() + EPSILON, "distance")
                .filter(functions.col("datasetA.id").lt(functions.col("datasetB.id")))
                .select(functions.col("datasetA.id"), functions.col("datasetB.id"), functions.col("distance"))
                .collectAsList();
        List<DuplicateClusters.Pair> pairs = new ArrayList<>(joined.size());
        for (Row pair : joined) {
            double similarity = 1 - pair.getDouble(2);
            if (similarity >= options.threshold() - EPSILON) {
                pairs.add(new DuplicateClusters.Pair(pair.getLong(0), pair.getLong(1), similarity));
            }
        }
        return pairs;
    }

    /** The ids of the rows the report names. */
    private static Map<Long, String> ids(JavaRDD<Parsed> parsed, List<DuplicateClusters.Removed> removed) {
        long[] named = removed.stream().flatMapToLong(r -> java.util.stream.LongStream.of(r.row(), r.kept(),
                r.nearest())).distinct().sorted().toArray();
        Map<Long, String> ids = new HashMap<>();
        if (named.length > 0) {
            parsed.filter(p -> p.id() != null && Arrays.binarySearch(named, p.key()) >= 0).collect()
                    .forEach(p -> ids.put(p.key(), p.id()));
        }
        return ids;
    }

    private static void writeReport(Path file, Options options, TrainingRowFiles files, Map<Long, String> ids,
            long rows, long kept, long noText, List<DuplicateClusters.Removed> removed) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("job", "dedup").put("on", options.on()).put("threshold", options.threshold())
                .put("num_hash_tables", options.hashTables()).put("seed", options.seed())
                .put("shingle", options.shingle());
        files.files().forEach(root.putArray("inputs")::add);
        root.put("input_rows", rows).put("kept", kept).put("removed", removed.size()).put("without_text", noText);
        ArrayNode list = root.putArray("removed_rows");
        for (DuplicateClusters.Removed one : removed) {
            ObjectNode row = list.addObject();
            files.locate(row, one.row(), ids.get(one.row()));
            files.locate(row.putObject("duplicate_of"), one.nearest(), ids.get(one.nearest()));
            row.put("similarity", one.similarity());
            files.locate(row.putObject("kept"), one.kept(), ids.get(one.kept()));
        }
        Files.writeString(file, json.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
    }
}
