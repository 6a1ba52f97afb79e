package io.trace2train.spark;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trace2train.engine.Contamination;
import io.trace2train.engine.Dedup;
import io.trace2train.engine.dedup.BenchmarkIndex;
import io.trace2train.engine.dedup.BenchmarkPrompt;
import io.trace2train.engine.io.BadInputException;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.jspecify.annotations.Nullable;

/**
 * {@code decontaminate} on a cluster: training rows whose prompt shares a word n-gram with a benchmark prompt
 * removed ({@link Contamination}: 13 words by default, compared lower-cased with white space and punctuation
 * normalised). The benchmark prompts' index is built on the driver and sent to every executor once; each row is
 * checked where it lands. The kept rows are written in input order under their files' names, with
 * {@code decontamination_report.json} (per benchmark: its prompts and the rows removed; each removed row with the
 * benchmark prompt's key and the shared n-gram), in a folder renamed into place once complete.
 */
public final class DecontaminateJob {

    /** The report's file in the output folder. */
    public static final String REPORT = "decontamination_report.json";

    private DecontaminateJob() {
    }

    /**
     * What to check, in a form that travels to the executors.
     *
     * @param inputs training files, or folders of them, on a file system every executor reads
     * @param benchmarks shipped benchmarks by name ({@code ifeval}, {@code ifbench}, {@code tau-airline})
     * @param benchmarkFiles a user's own benchmark prompts (JSON Lines with {@code prompt}), read on the driver
     * @param ngram words per n-gram
     * @param minOverlap distinct n-grams a row must share with one benchmark prompt to be removed
     * @param partitions the least number of parts to read each file in; 0 for Spark's default
     */
    public record Options(List<String> inputs, String output, List<String> benchmarks, List<String> benchmarkFiles,
            int ngram, int minOverlap, int partitions, boolean overwrite) implements Serializable {

        private static final long serialVersionUID = 1L;

        public Options {
            inputs = List.copyOf(inputs);
            requireNonNull(output, "output");
            benchmarks = List.copyOf(benchmarks);
            benchmarkFiles = List.copyOf(benchmarkFiles);
            if (benchmarks.isEmpty() && benchmarkFiles.isEmpty()) {
                throw new IllegalArgumentException("give --benchmarks NAME,... or --benchmark-file FILE");
            }
            if (ngram < 1) {
                throw new IllegalArgumentException("--ngram is at least 1 word, got " + ngram);
            }
            if (minOverlap < 1) {
                throw new IllegalArgumentException("--min-overlap is at least 1 n-gram, got " + minOverlap);
            }
        }
    }

    /** A removed row: where it is and what it shares; or a row's problem. */
    private record Checked(long key, @Nullable String id, BenchmarkIndex.@Nullable Overlap overlap,
            BadRowsException.@Nullable BadRow bad) implements Serializable {

        private static final long serialVersionUID = 1L;
    }

    /**
     * What the job found.
     *
     * @param rows rows read
     * @param kept rows written
     * @param removed rows removed per benchmark, in the order the benchmarks were given
     * @param output the output folder
     */
    public record Result(long rows, long kept, Map<String, Long> removed, Path output) {

        public Result {
            removed = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(removed));
        }
    }

    /**
     * @throws BadRowsException naming every line that is no training row, or a bad line of a benchmark file (nothing
     *     is written)
     */
    public static Result run(SparkSession spark, Options options) throws IOException {
        TrainingRowFiles files = TrainingRowFiles.of(options.inputs());
        List<BenchmarkPrompt> prompts;
        try {
            prompts = Contamination.benchmarks(options.benchmarks(),
                    options.benchmarkFiles().stream().map(Path::of).toList());
        } catch (BadInputException e) {
            if (e.problems().isEmpty()) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            throw new BadRowsException(TrainingRowFiles.bad(e));
        }
        BenchmarkIndex index = Contamination.index(prompts, options.ngram());
        StagedOutput staged = StagedOutput.start(Path.of(options.output()), options.overwrite());
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<BenchmarkIndex> everywhere = jsc.broadcast(index);
        JavaRDD<TrainingRowFiles.Line> lines = files.lines(jsc, options.partitions())
                .persist(StorageLevel.MEMORY_AND_DISK_SER());
        List<String> names = files.files();
        int minOverlap = options.minOverlap();
        // only rows removed or bad travel back
        JavaRDD<Checked> flagged = lines.map(line -> check(names, line, everywhere.value(), minOverlap))
                .filter(c -> c.overlap() != null || c.bad() != null).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            List<BadRowsException.BadRow> bad = flagged.filter(c -> c.bad() != null).map(Checked::bad).collect();
            if (!bad.isEmpty()) {
                throw new BadRowsException(bad);
            }
            List<Checked> removed = flagged.collect().stream().sorted(Comparator.comparingLong(Checked::key))
                    .toList();
            long[] gone = removed.stream().mapToLong(Checked::key).toArray();
            Broadcast<long[]> goneEverywhere = jsc.broadcast(gone);
            long rows = lines.count();
            long kept = files.write(staged.staging(), lines.filter(l -> Arrays.binarySearch(goneEverywhere.value(),
                    l.key()) < 0).toLocalIterator());
            Map<String, Long> perBenchmark = new LinkedHashMap<>();
            index.prompts().keySet().forEach(b -> perBenchmark.put(b, 0L));
            removed.forEach(c -> perBenchmark.merge(c.overlap().prompt().benchmark(), 1L, Long::sum));
            writeReport(staged.staging().resolve(REPORT), options, files, index, rows, kept, perBenchmark, removed);
            goneEverywhere.destroy();
            return new Result(rows, kept, perBenchmark, staged.publish());
        } finally {
            flagged.unpersist(false);
            lines.unpersist(false);
            everywhere.destroy();
            StagedOutput.delete(staged.staging());
        }
    }

    private static Checked check(List<String> files, TrainingRowFiles.Line line, BenchmarkIndex index,
            int minOverlap) {
        try {
            var row = Dedup.row(Path.of(files.get(line.file())), line.line(), line.text());
            return new Checked(line.key(), row.id(), index.match(row.prompt(), minOverlap).orElse(null), null);
        } catch (BadInputException e) {
            return new Checked(line.key(), null, null, TrainingRowFiles.bad(e).getFirst());
        }
    }

    private static void writeReport(Path file, Options options, TrainingRowFiles files, BenchmarkIndex index,
            long rows, long kept, Map<String, Long> perBenchmark, List<Checked> removed) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("job", "decontaminate").put("ngram", options.ngram()).put("min_overlap", options.minOverlap());
        files.files().forEach(root.putArray("inputs")::add);
        root.put("input_rows", rows).put("kept", kept).put("removed", removed.size());
        ObjectNode benchmarks = root.putObject("benchmarks");
        Map<String, Integer> prompts = index.prompts();
        perBenchmark.forEach((name, count) -> {
            ObjectNode each = benchmarks.putObject(name);
            each.put("prompts", prompts.getOrDefault(name, 0)).put("removed", count);
            ArrayNode list = each.putArray("removed_rows");
            removed.stream().filter(c -> c.overlap().prompt().benchmark().equals(name)).forEach(c -> {
                ObjectNode row = list.addObject();
                files.locate(row, c.key(), c.id());
                row.put("benchmark_key", c.overlap().prompt().key()).put("ngram", c.overlap().ngram())
                        .put("shared_ngrams", c.overlap().grams());
            });
        });
        Files.writeString(file, json.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
    }
}
