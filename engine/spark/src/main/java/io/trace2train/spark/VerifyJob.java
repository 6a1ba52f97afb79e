package io.trace2train.spark;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trace2train.engine.Engine;
import io.trace2train.engine.Verification;
import io.trace2train.engine.VerifyResult;
import io.trace2train.engine.ifeval.AccuracyReport;
import io.trace2train.engine.ifeval.IfevalEvaluator;
import io.trace2train.engine.ifeval.IfevalPrompt;
import io.trace2train.engine.ifeval.PromptResult;
import io.trace2train.engine.ifeval.Responses;
import io.trace2train.engine.io.BadInputException;
import io.trace2train.engine.verify.Strictness;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * {@code verify} on a cluster: IFEval / IFBench prompts judged against recorded responses, the prompts spread over
 * the executors (each judges its share with its own engine, as {@link Verification#items} does, each prompt's checks
 * under their deadline), written as the reference's {@code eval_results_strict.jsonl} and
 * {@code eval_results_loose.jsonl} in prompt order, the same rows as the single-machine {@code verify} writes, and
 * an accuracy report ({@code accuracy.json}) with them, in a folder renamed into place once complete.
 */
public final class VerifyJob {

    /** The accuracy report's file in the output folder. */
    public static final String REPORT = "accuracy.json";

    /**
     * Each JVM's prompts and responses, read once per file version (every executor holds the whole input: verify's
     * inputs are benchmark-sized, and a response is found by its prompt's text as the references find it). The
     * driver reads them first, to check them, and drops them when the job ends.
     */
    private static final Map<String, Object> READ = new ConcurrentHashMap<>();
    /** Prompts judged at once in a partition: enough to keep the engine's threads busy, few enough to hold. */
    private static final int CHUNK = 1024;
    /** At least one partition per this many prompts, so that a large input is judged in parts Spark can retry. */
    private static final int PROMPTS_PER_PARTITION = 20_000;

    private VerifyJob() {
    }

    /**
     * What to verify, in a form that travels to the executors.
     *
     * @param prompts an IFEval or IFBench prompts file, on a file system every executor reads
     * @param responses its responses file ({@code prompt, response} rows)
     * @param output the output folder
     * @param partitions how many parts to judge the prompts in; 0 for the cluster's default parallelism
     */
    public record Options(EngineSettings settings, String prompts, String responses, String output, boolean overwrite,
            int partitions) implements Serializable {

        private static final long serialVersionUID = 1L;

        public Options {
            requireNonNull(settings, "settings");
            requireNonNull(prompts, "prompts");
            requireNonNull(responses, "responses");
            requireNonNull(output, "output");
        }
    }

    /** One prompt judged, as the driver needs it. */
    private record Judged(List<Boolean> strict, List<Boolean> loose, List<Boolean> notCheckable, String strictRow,
            String looseRow, boolean missing, List<String> errors) implements Serializable {

        private static final long serialVersionUID = 1L;
    }

    /**
     * What the job found and wrote.
     *
     * @param reports accuracy per strictness
     * @param prompts prompts judged
     * @param missing prompts without a response (judged as an empty one)
     * @param errors checks that failed (counted as not followed), {@code KEY: message}
     * @param output the output folder
     */
    public record Result(Map<Strictness, AccuracyReport> reports, int prompts, int missing, List<String> errors,
            Path output) {

        public Result {
            reports = Map.copyOf(reports);
            errors = List.copyOf(errors);
        }
    }

    /**
     * Runs the job; the prompts and responses may each be JSONL or Parquet (columns named as the JSONL keys).
     *
     * @throws BadRowsException naming every bad line of the prompts or responses file (nothing is written)
     */
    public static Result run(SparkSession spark, Options given) throws IOException {
        Path output = Path.of(given.output()).toAbsolutePath().normalize();
        // Parquet inputs become JSON lines beside the output, where every executor reads them
        Path inputs = output.resolveSibling("." + output.getFileName() + ".inputs");
        try {
            return judge(spark, new Options(given.settings(), ParquetInput.asJsonLines(spark, given.prompts(),
                    inputs.resolve("prompts.jsonl")), ParquetInput.asJsonLines(spark, given.responses(),
                    inputs.resolve("responses.jsonl")), given.output(), given.overwrite(), given.partitions()));
        } finally {
            StagedOutput.delete(inputs);
        }
    }

    private static Result judge(SparkSession spark, Options options) throws IOException {
        List<IfevalPrompt> prompts;
        // read where the executors look for them: in local mode they share the driver's JVM, and read nothing again
        List<String> read = List.of(promptsKey(options), responsesKey(options));
        try {
            prompts = prompts(options);
            responses(options);
        } catch (BadInputException e) {
            read.forEach(READ::remove);
            throw new BadRowsException(BadRowsException.BadRow.of(e));
        }
        StagedOutput staged = StagedOutput.start(Path.of(options.output()), options.overwrite());
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        // parallelize cuts the indices into contiguous slices in order, so the partitions, read in turn, are in the
        // prompts' order: no shuffle. The judged partitions are kept on disk by a first job that judges them all at
        // once, then read one by one: on disk, because the heap already holds the whole input, which Spark's memory
        // store does not count (a million prompts filled it in local mode).
        int parts = options.partitions() > 0 ? options.partitions()
                : Math.max(jsc.defaultParallelism(), (prompts.size() + PROMPTS_PER_PARTITION - 1) / PROMPTS_PER_PARTITION);
        List<Integer> indices = IntStream.range(0, prompts.size()).boxed().toList();
        JavaRDD<Tuple2<Integer, Judged>> judgedRdd = jsc.parallelize(indices, Math.max(1, parts))
                .mapPartitions(part -> judge(options, part));
        judgedRdd.persist(StorageLevel.DISK_ONLY());
        judgedRdd.count();
        Iterator<Tuple2<Integer, Judged>> judged = judgedRdd.toLocalIterator();
        Map<Strictness, List<PromptResult>> results = new EnumMap<>(Strictness.class);
        results.put(Strictness.STRICT, new ArrayList<>());
        results.put(Strictness.LOOSE, new ArrayList<>());
        int missing = 0;
        List<String> errors = new ArrayList<>();
        try {
            try (BufferedWriter strict = Files.newBufferedWriter(Verification.resultsFile(staged.staging(),
                    Strictness.STRICT), StandardCharsets.UTF_8);
                    BufferedWriter loose = Files.newBufferedWriter(Verification.resultsFile(staged.staging(),
                            Strictness.LOOSE), StandardCharsets.UTF_8)) {
                while (judged.hasNext()) {
                    Tuple2<Integer, Judged> next = judged.next();
                    IfevalPrompt prompt = prompts.get(next._1());
                    Judged one = next._2();
                    strict.append(one.strictRow()).append('\n');
                    loose.append(one.looseRow()).append('\n');
                    // the report counts what was followed; the responses stay in the rows
                    results.get(Strictness.STRICT).add(new PromptResult(prompt, "", one.strict(), one.notCheckable()));
                    results.get(Strictness.LOOSE).add(new PromptResult(prompt, "", one.loose(), one.notCheckable()));
                    missing += one.missing() ? 1 : 0;
                    one.errors().forEach(e -> errors.add(prompt.key() + ": " + e));
                }
            }
            Map<Strictness, AccuracyReport> reports = new EnumMap<>(Strictness.class);
            results.forEach((strictness, list) -> reports.put(strictness, AccuracyReport.of(list)));
            writeReport(staged.staging().resolve(REPORT), reports, prompts.size(), missing, errors);
            return new Result(reports, prompts.size(), missing, errors, staged.publish());
        } finally {
            judgedRdd.unpersist(false);
            read.forEach(READ::remove);
            StagedOutput.delete(staged.staging());
        }
    }

    private static Iterator<Tuple2<Integer, Judged>> judge(Options options, Iterator<Integer> part) {
        Engine engine = options.settings().engine();
        List<IfevalPrompt> all = prompts(options);
        Responses responses = responses(options);
        // judged a chunk at a time as Spark reads them, so a partition is never held whole
        return new Iterator<>() {
            private Iterator<Tuple2<Integer, Judged>> chunk = java.util.Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                if (!chunk.hasNext() && part.hasNext()) {
                    List<Integer> indices = new ArrayList<>(CHUNK);
                    while (part.hasNext() && indices.size() < CHUNK) {
                        indices.add(part.next());
                    }
                    chunk = judge(engine, all, responses, indices);
                }
                return chunk.hasNext();
            }

            @Override
            public Tuple2<Integer, Judged> next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return chunk.next();
            }
        };
    }

    private static Iterator<Tuple2<Integer, Judged>> judge(Engine engine, List<IfevalPrompt> all,
            Responses responses, List<Integer> indices) {
        List<IfevalPrompt> mine = indices.stream().map(all::get).toList();
        VerifyResult result = engine.verify().items(mine, responses);
        List<Tuple2<Integer, Judged>> out = new ArrayList<>(indices.size());
        for (int i = 0; i < indices.size(); i++) {
            IfevalEvaluator.JudgedPrompt one = result.judged().get(i);
            out.add(new Tuple2<>(indices.get(i), new Judged(one.strict().followed(), one.loose().followed(),
                    one.loose().notCheckable(), Verification.resultRow(one.strict()),
                    Verification.resultRow(one.loose()), responses.of(mine.get(i)) == null, one.errors())));
        }
        return out.iterator();
    }

    /** The prompts, read once per JVM and file version. */
    @SuppressWarnings("unchecked")
    private static List<IfevalPrompt> prompts(Options options) {
        return (List<IfevalPrompt>) READ.computeIfAbsent(promptsKey(options),
                k -> options.settings().engine().verify().prompts(Path.of(options.prompts())));
    }

    /** The responses, read once per JVM and file version. */
    private static Responses responses(Options options) {
        return (Responses) READ.computeIfAbsent(responsesKey(options),
                k -> options.settings().engine().verify().responses(Path.of(options.responses())));
    }

    private static String promptsKey(Options options) {
        return options.settings() + " " + version(options.prompts());
    }

    private static String responsesKey(Options options) {
        return "responses " + version(options.responses());
    }

    /** A file's path, size and time: a file rewritten between two jobs of one session is read again. */
    private static String version(String file) {
        try {
            Path path = Path.of(file);
            return file + " " + Files.size(path) + " " + Files.getLastModifiedTime(path).toMillis();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void writeReport(Path file, Map<Strictness, AccuracyReport> reports, int prompts, int missing,
            List<String> errors) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("prompts", prompts);
        root.put("missing_responses", missing);
        reports.forEach((strictness, report) -> {
            ObjectNode each = root.putObject(strictness.label());
            each.putObject("prompt_level").put("passed", report.promptLevel().passed())
                    .put("total", report.promptLevel().total()).put("accuracy", report.promptLevel().rate());
            each.putObject("instruction_level").put("passed", report.instructionLevel().passed())
                    .put("total", report.instructionLevel().total())
                    .put("accuracy", report.instructionLevel().rate());
        });
        errors.forEach(root.putArray("errors")::add);
        Files.writeString(file, json.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
    }
}
