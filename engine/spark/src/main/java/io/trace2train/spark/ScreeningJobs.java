package io.trace2train.spark;

import io.trace2train.engine.Contamination;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * The command lines of {@code dedup} and {@code decontaminate}: their arguments into options, their results into
 * the line the job prints.
 */
final class ScreeningJobs {

    private ScreeningJobs() {
    }

    static String dedup(SparkSession spark, SparkJobs.Arguments args) throws IOException {
        DedupJob.Result result = DedupJob.run(spark, new DedupJob.Options(args.positional(), args.required("output"),
                args.value("on", "prompt"), number(args, "threshold", "0.8"),
                count(args, "num-hash-tables", 5), whole(args, "seed", 0),
                count(args, "shingle", 5), count(args, "partitions", 0),
                args.flag("overwrite")));
        return result.rows() + " rows, " + result.kept() + " kept, " + result.removed().size()
                + " near-duplicates removed; wrote " + result.output();
    }

    /** A number option. */
    private static double number(SparkJobs.Arguments args, String name, String fallback) {
        String value = args.value(name, fallback);
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " takes a number, got '" + value + "'");
        }
    }

    /** A whole-number option. */
    private static long whole(SparkJobs.Arguments args, String name, long fallback) {
        String value = args.value(name, Long.toString(fallback));
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " takes a whole number, got '" + value + "'");
        }
    }

    /** A whole-number option that is a count or size. */
    private static int count(SparkJobs.Arguments args, String name, int fallback) {
        long value = whole(args, name, fallback);
        if (value != (int) value) {
            throw new IllegalArgumentException("--" + name + " is too large: " + value);
        }
        return (int) value;
    }

    static String decontaminate(SparkSession spark, SparkJobs.Arguments args) throws IOException {
        List<String> files = args.named().getOrDefault("benchmark-file", List.of());
        String names = args.value("benchmarks", files.isEmpty() ? "ifeval,ifbench,tau-airline" : "");
        DecontaminateJob.Result result = DecontaminateJob.run(spark, new DecontaminateJob.Options(args.positional(),
                args.required("output"), Arrays.stream(names.split(",")).map(String::strip).filter(n -> !n.isEmpty())
                        .toList(), files, count(args, "ngram", Contamination.DEFAULT_NGRAM),
                count(args, "min-overlap", 1), count(args, "partitions", 0),
                args.flag("overwrite")));
        return result.rows() + " rows, " + result.kept() + " kept, removed per benchmark " + result.removed()
                + "; wrote " + result.output();
    }
}
