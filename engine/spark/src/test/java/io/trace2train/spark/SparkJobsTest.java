package io.trace2train.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trace2train.api.export.Exporter;
import io.trace2train.engine.Engine;
import io.trace2train.engine.ExportSpec;
import io.trace2train.engine.ImportSpec;
import io.trace2train.engine.Exports;
import io.trace2train.engine.RunSpec;
import io.trace2train.engine.Verification;
import io.trace2train.engine.VerifyResult;
import io.trace2train.engine.export.DatasetFeatures;
import io.trace2train.engine.export.ParquetRowReader;
import io.trace2train.engine.verify.Strictness;
import io.trace2train.testing.ExampleData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jobs in {@code local[2]} against the single-machine commands on the same inputs: one Spark session for the
 * class (starting one takes seconds), small inputs but the 541 IFEval answers.
 */
class SparkJobsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static SparkSession spark;
    private static Engine engine;

    @TempDir
    static Path shared;

    /** A rollout of 20 IFEval prompts, 2 forks each, its records shuffled and one fork removed. */
    private static Path rollout;

    @BeforeAll
    static void start() throws Exception {
        spark = SparkSession.builder().master("local[2]").appName("SparkJobsTest").config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2").config("spark.default.parallelism", "2")
                .getOrCreate();
        engine = EngineSettings.defaults().engine();
        List<String> rows = Files.readAllLines(ExampleData.ifeval("input_data.jsonl")).subList(0, 20);
        Path tasks = shared.resolve("tasks.jsonl");
        Files.write(tasks, rows);
        rollout = shared.resolve("rollout");
        engine.runs().start(rollout, RunSpec.builder().backend("replay").backendOption("responses",
                ExampleData.ifeval("responses_gpt4.jsonl").toAbsolutePath().toString()).tasks(tasks)
                .forks(2, "0.2,0.9", 0).build());
        // a task's forks anywhere in the file, and one task left incomplete: both paths must agree on the order
        Path records = rollout.resolve("records.jsonl");
        List<String> lines = new ArrayList<>(Files.readAllLines(records));
        Collections.shuffle(lines, new Random(7));
        lines.remove(3);
        lines.add(5, "   ");
        Files.write(records, lines);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void verifyOnTheIfevalAnswersEqualsTheSingleMachineVerifyRowForRow(@TempDir Path dir) throws Exception {
        Path prompts = ExampleData.ifeval("input_data.jsonl");
        Path responses = ExampleData.ifeval("responses_gpt4.jsonl");
        VerifyResult single = engine.verify().files(prompts, responses, dir.resolve("single"), false);
        VerifyJob.Result job = VerifyJob.run(spark, new VerifyJob.Options(EngineSettings.defaults(),
                prompts.toString(), responses.toString(), dir.resolve("spark").toString(), false, 4));
        assertEquals(541, job.prompts());
        for (Strictness strictness : Strictness.values()) {
            assertArrayEquals(Files.readAllBytes(Verification.resultsFile(dir.resolve("single"), strictness)),
                    Files.readAllBytes(Verification.resultsFile(dir.resolve("spark"), strictness)),
                    strictness.label());
            assertEquals(single.reports().get(strictness), job.reports().get(strictness));
        }
        assertEquals(541, Files.readAllLines(Verification.resultsFile(dir.resolve("spark"), Strictness.LOOSE))
                .size());
        assertTrue(Files.exists(dir.resolve("spark").resolve(StagedOutput.SUCCESS)));
        ObjectNode report = (ObjectNode) JSON.readTree(dir.resolve("spark").resolve(VerifyJob.REPORT).toFile());
        assertEquals(single.reports().get(Strictness.STRICT).promptLevel().passed(),
                report.path("strict").path("prompt_level").path("passed").asInt());
    }

    @Test
    void exportGroupsTasksAcrossPartitionsAndWritesTheSingleMachineFileByteForByte(@TempDir Path dir)
            throws Exception {
        record Case(String format, String flavor, int maxPerTask, boolean dedupe) {
        }
        for (Case c : List.of(new Case("kto", null, 0, true), new Case("sft", "openai", 0, true),
                new Case("rewards", null, 0, true), new Case("sft", null, 1, false))) {
            String name = c.format() + "-" + c.flavor() + "-" + c.maxPerTask() + ".jsonl";
            Path single = dir.resolve("single").resolve(name);
            Files.createDirectories(single.getParent());
            Exports.ExportResult expected = engine.exports().export(ExportSpec.builder(c.format(), single)
                    .run(rollout).flavor(c.flavor()).maxPerTask(c.maxPerTask()).dedupe(c.dedupe()).build());
            Path out = dir.resolve("spark-" + name);
            Exports.ExportResult actual = ExportJob.run(spark, new ExportJob.Options(EngineSettings.defaults(),
                    List.of(rollout.toString()), c.format(), c.flavor(), Map.of(), false, null, c.maxPerTask(),
                    c.dedupe(), out.toString(), name, false));
            assertTrue(expected.summary().rows() > 0, name);
            assertArrayEquals(Files.readAllBytes(single), Files.readAllBytes(out.resolve(name)), name);
            // the one order both paths use: by task id (as strings), whatever order the shuffled lines are in
            Path traced = expected.summary().sidecar() == null ? single : expected.summary().sidecar();
            List<String> taskIds = Files.readAllLines(traced).stream()
                    .map(l -> l.replaceAll(".*\"task_id\":\"([^\"]*)\".*", "$1")).toList();
            assertEquals(taskIds.stream().sorted().toList(), taskIds, name);
            assertTrue(taskIds.stream().distinct().count() > 1, name);
            if (expected.summary().sidecar() != null) {
                assertArrayEquals(Files.readAllBytes(expected.summary().sidecar()),
                        Files.readAllBytes(out.resolve(name + ".meta.jsonl")), name);
            }
            assertEquals(expected.summary().records(), actual.summary().records(), name);
            assertEquals(expected.summary().tasks(), actual.summary().tasks(), name);
            assertEquals(expected.summary().duplicates(), actual.summary().duplicates(), name);
            assertEquals(expected.summary().filtered(), actual.summary().filtered(), name);
            assertEquals(expected.summary().warnings(), actual.summary().warnings().stream()
                    .map(w -> w.replace(rollout.toAbsolutePath().toString(), rollout.toString())).toList(), name);
            assertTrue(Files.readString(out.resolve("README.md")).contains("dataset_info"), name);
            assertTrue(Files.exists(out.resolve(StagedOutput.SUCCESS)), name);
        }
    }

    /**
     * The exporters' report lines that count what they saw (episodes that make no DPO pair, pairs OpenAI's format
     * cannot hold) come from the executors' exporters: the driver's report and card must still say what the
     * single machine's say.
     */
    @Test
    void anEpisodeExportSaysInItsReportAndCardWhatTheSingleMachineSays(@TempDir Path dir) throws Exception {
        Path airline = dir.resolve("airline");
        engine.imports().start(airline, ImportSpec.builder("tau-bench",
                ExampleData.tauBench("airline/trajectories_gpt4o.jsonl")).concurrency(2).build());
        for (String flavor : List.of("trl", "openai")) {
            String name = "dpo-" + flavor + ".jsonl";
            Path single = dir.resolve("single-" + flavor).resolve(name);
            Files.createDirectories(single.getParent());
            Exports.ExportResult expected = engine.exports().export(ExportSpec.builder("dpo", single).run(airline)
                    .flavor(flavor).build());
            Path out = dir.resolve("spark-" + flavor);
            Exports.ExportResult actual = ExportJob.run(spark, new ExportJob.Options(EngineSettings.defaults(),
                    List.of(airline.toString()), "dpo", flavor, Map.of(), false, null, 0, true, out.toString(), name,
                    false));
            assertTrue(expected.summary().report().stream().anyMatch(l -> l.contains("make no pair")),
                    expected.summary().report().toString());
            assertEquals(expected.summary().report(), actual.summary().report(), flavor);
            assertArrayEquals(Files.readAllBytes(single), Files.readAllBytes(out.resolve(name)), flavor);
            assertEquals(Files.readString(expected.summary().card()).replace(single.getParent().toString(), "OUT"),
                    Files.readString(out.resolve("README.md")).replace(out.toString(), "OUT"), flavor);
        }
    }

    @Test
    void aParquetExportWritesTheSingleMachineDatasetSplitForSplitWithItsCard(@TempDir Path dir) throws Exception {
        for (String flavor : List.of("trl", "openai")) {
            Path single = dir.resolve("single-" + flavor);
            engine.exports().export(ExportSpec.builder("sft", single).run(rollout).flavor(flavor).parquet(true)
                    .split(0.3, 7).build());
            Path out = dir.resolve("spark-" + flavor);
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = SparkJobs.run(spark, new String[] {"export", "--format", "sft", "--flavor", flavor,
                    "--output-format", "parquet", "--validation-share", "0.3", "--split-seed", "7", "--output",
                    out.toString(), rollout.toString()}, new PrintStream(new ByteArrayOutputStream()),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(0, status, err.toString(StandardCharsets.UTF_8));

            assertEquals(Files.readString(single.resolve("README.md")), Files.readString(out.resolve("README.md")),
                    flavor);
            assertTrue(Files.exists(out.resolve(StagedOutput.SUCCESS)), flavor);
            Exporter exporter = engine.exporters().create("sft", flavor, Map.of());
            ParquetRowReader reader = new ParquetRowReader(DatasetFeatures.of(exporter), false);
            List<String> files;
            try (Stream<Path> data = Files.list(single.resolve("data"))) {
                files = data.map(p -> p.getFileName().toString()).sorted().toList();
            }
            assertTrue(files.contains("validation-00000-of-00001.parquet"), flavor + ": " + files);
            try (Stream<Path> data = Files.list(out.resolve("data"))) {
                assertEquals(files, data.map(p -> p.getFileName().toString()).sorted().toList(), flavor);
            }
            for (String file : files) {
                if (file.endsWith(".parquet")) {
                    List<?> rows = reader.read(single.resolve("data").resolve(file));
                    assertFalse(rows.isEmpty(), flavor + " " + file);
                    assertEquals(rows, reader.read(out.resolve("data").resolve(file)), flavor + " " + file);
                } else {
                    assertArrayEquals(Files.readAllBytes(single.resolve("data").resolve(file)),
                            Files.readAllBytes(out.resolve("data").resolve(file)), flavor + " " + file);
                }
            }
        }
    }

    @Test
    void aKilledJobRerunGivesTheSameOutputAndAStaleStagingFolderIsReplaced(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("kto");
        ExportJob.Options options = new ExportJob.Options(EngineSettings.defaults(), List.of(rollout.toString()),
                "kto", null, Map.of(), false, null, 0, true, out.toString(), "kto.jsonl", false);
        // what a job killed before its rename leaves: a staging folder with a half-written file and no _SUCCESS
        Path stale = dir.resolve(".kto.staging");
        Files.createDirectories(stale);
        Files.writeString(stale.resolve("kto.jsonl"), "{\"half\":");
        Files.writeString(stale.resolve("part-00001"), "left over");
        ExportJob.run(spark, options);
        assertFalse(Files.exists(stale));
        assertFalse(Files.exists(out.resolve("part-00001")));
        byte[] first = Files.readAllBytes(out.resolve("kto.jsonl"));
        String card = Files.readString(out.resolve("README.md"));

        assertThrows(java.nio.file.FileAlreadyExistsException.class, () -> ExportJob.run(spark, options));
        ExportJob.run(spark, new ExportJob.Options(options.settings(), options.runs(), "kto", null, Map.of(), false,
                null, 0, true, out.toString(), "kto.jsonl", true));
        assertArrayEquals(first, Files.readAllBytes(out.resolve("kto.jsonl")));
        assertEquals(card, Files.readString(out.resolve("README.md")));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(out), left.toList(), "nothing beside the output");
        }
    }

    @Test
    void badInputRowsAreReportedWithFileAndLineCountedAndNothingIsWritten(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad");
        copy(rollout, bad);
        Path records = bad.resolve("records.jsonl");
        List<String> lines = new ArrayList<>(Files.readAllLines(records));
        lines.set(1, "{\"not\": \"a record\"}");
        lines.set(8, "not json at all");
        lines.add(lines.get(10));
        Files.write(records, lines);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = SparkJobs.run(spark, new String[] {"export", "--format", "sft", "--output",
                dir.resolve("out").toString(), bad.toString()}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String message = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, status, message);
        assertTrue(message.startsWith("3 bad input rows, nothing written:"), message);
        assertTrue(message.contains(records.toAbsolutePath() + ":2: "), message);
        assertTrue(message.contains(records.toAbsolutePath() + ":9: "), message);
        assertTrue(message.contains(records.toAbsolutePath() + ":" + lines.size() + ": task_id: "), message);
        assertFalse(Files.exists(dir.resolve("out")));
        assertFalse(Files.exists(dir.resolve(".out.staging")));

        // the verify job: a prompts file with a bad line names it
        Path prompts = dir.resolve("prompts.jsonl");
        List<String> promptRows = new ArrayList<>(Files.readAllLines(ExampleData.ifeval("input_data.jsonl"))
                .subList(0, 3));
        promptRows.add("{\"key\": 5}");
        Files.write(prompts, promptRows);
        BadRowsException e = assertThrows(BadRowsException.class, () -> VerifyJob.run(spark, new VerifyJob.Options(
                EngineSettings.defaults(), prompts.toString(), ExampleData.ifeval("responses_gpt4.jsonl").toString(),
                dir.resolve("verify").toString(), false, 2)));
        assertTrue(e.problems().stream().allMatch(p -> p.startsWith(prompts + ":4: ")), e.getMessage());
        assertFalse(Files.exists(dir.resolve("verify")));
    }

    private static void copy(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }
}
