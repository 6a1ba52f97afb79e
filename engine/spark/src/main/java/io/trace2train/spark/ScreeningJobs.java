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
                args.value("on", "prompt"), Double.parseDouble(args.value("threshold", "0.8")),
                Integer.parseInt(args.value("num-hash-tables", "5")), Long.parseLong(args.value("seed", "0")),
                Integer.parseInt(args.value("shingle", "5")), Integer.parseInt(args.value("partitions", "0")),
                args.flag("overwrite")));
        return result.rows() + " rows, " + result.kept() + " kept, " + result.removed().size()
                + " near-duplicates removed; wrote " + result.output();
    }

    static String decontaminate(SparkSession spark, SparkJobs.Arguments args) throws IOException {
        List<String> files = args.named().getOrDefault("benchmark-file", List.of());
        String names = args.value("benchmarks", files.isEmpty() ? "ifeval,ifbench,tau-airline" : "");
        DecontaminateJob.Result result = DecontaminateJob.run(spark, new DecontaminateJob.Options(args.positional(),
                args.required("output"), Arrays.stream(names.split(",")).map(String::strip).filter(n -> !n.isEmpty())
                        .toList(), files, Integer.parseInt(args.value("ngram", "" + Contamination.DEFAULT_NGRAM)),
                Integer.parseInt(args.value("min-overlap", "1")), Integer.parseInt(args.value("partitions", "0")),
                args.flag("overwrite")));
        return result.rows() + " rows, " + result.kept() + " kept, removed per benchmark " + result.removed()
                + "; wrote " + result.output();
    }
}
