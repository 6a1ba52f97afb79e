package io.trace2train.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trace2train.engine.Engine;
import io.trace2train.engine.RescoreSpec;
import io.trace2train.engine.Rescoring;
import io.trace2train.engine.RunSpec;
import io.trace2train.testing.ExampleData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code score} job in {@code local[2]} against the single-machine rescoring of the same run folders. */
class ScoreJobTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static SparkSession spark;
    private static Engine engine;

    @TempDir
    static Path shared;

    /** The 541 IFEval prompts with GPT-4's answers replayed and repaired (attempts rolled back included). */
    private static Path run;
    /** A rollout of 20 of them, 2 forks each, with a blank line. */
    private static Path rollout;

    @BeforeAll
    static void start() throws Exception {
        spark = SparkSession.builder().master("local[2]").appName("ScoreJobTest").config("spark.ui.enabled", "false")
                .config("spark.default.parallelism", "2").getOrCreate();
        engine = EngineSettings.defaults().engine();
        String responses = ExampleData.ifeval("responses_gpt4.jsonl").toAbsolutePath().toString();
        run = shared.resolve("run");
        engine.runs().start(run, RunSpec.builder().backend("replay").backendOption("responses", responses)
                .tasks(ExampleData.ifeval("input_data.jsonl")).mode("full_pcl").build());
        Path tasks = shared.resolve("tasks.jsonl");
        Files.write(tasks, Files.readAllLines(ExampleData.ifeval("input_data.jsonl")).subList(0, 20));
        rollout = shared.resolve("rollout");
        engine.runs().start(rollout, RunSpec.builder().backend("replay").backendOption("responses", responses)
                .tasks(tasks).forks(2, "0.2,0.9", 0).build());
        List<String> lines = new ArrayList<>(Files.readAllLines(rollout.resolve("records.jsonl")));
        lines.add(5, "   ");
        Files.write(rollout.resolve("records.jsonl"), lines);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void theJobWritesTheSingleMachineRecordsByteForByte(@TempDir Path dir) throws Exception {
        record Case(Path input, List<String> added, String reward) {
        }
        List<String> added = List.of("punctuation:no_comma", "length_constraints:number_words:{\"relation\":"
                + " \"at least\", \"num_words\": 50}");
        for (Case c : List.of(new Case(run, List.of(), null), new Case(run, added, "constraint_share"),
                new Case(rollout, added, null))) {
            RescoreSpec spec = new RescoreSpec(List.of(c.input().toAbsolutePath()), null, c.added(), c.reward());
            String name = c.input().getFileName() + "-" + c.added().size();
            Path single = dir.resolve("single-" + name);
            Rescoring.RescoreResult expected = engine.rescoring().rescore(spec, single);
            Path out = dir.resolve("spark-" + name);
            Rescoring.RescoreResult actual = ScoreJob.run(spark, new ScoreJob.Options(EngineSettings.defaults(),
                    List.of(c.input().toString()), null, c.added(), c.reward(), out.toString(), false));
            assertEquals(c.input() == run ? 541 : 40, actual.records());
            assertArrayEquals(Files.readAllBytes(single.resolve("records.jsonl")),
                    Files.readAllBytes(out.resolve("records.jsonl")));
            assertEquals(expected.runId(), actual.runId());
            assertEquals(expected.passed(), actual.passed());
            assertEquals(expected.changed(), actual.changed());
            assertEquals(c.added().isEmpty(), actual.changed() == 0, "added constraints fail some answers");
            // the manifest's start time is the one field of the output that is per run
            ObjectNode singleManifest = (ObjectNode) JSON.readTree(single.resolve("manifest.json").toFile());
            ObjectNode jobManifest = (ObjectNode) JSON.readTree(out.resolve("manifest.json").toFile());
            singleManifest.remove("created_at");
            jobManifest.remove("created_at");
            assertEquals(singleManifest, jobManifest);
            assertTrue(Files.exists(out.resolve(StagedOutput.SUCCESS)));
        }
    }

    @Test
    void recordsThatCannotBeJudgedAreNamedByFileAndLineAndNothingIsWritten(@TempDir Path dir) throws Exception {
        Path constraints = dir.resolve("constraints.jsonl");
        List<String> rows = Files.readAllLines(ExampleData.ifeval("input_data.jsonl"));
        Files.write(constraints, rows.subList(2, 20));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = SparkJobs.run(spark, new String[] {"score", "--constraints", constraints.toString(),
                "--output", dir.resolve("out").toString(), rollout.toString()},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        String message = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, status, message);
        assertTrue(message.startsWith("4 bad input rows, nothing written:"), message);
        for (String task : List.of("1000", "1001")) {
            assertTrue(message.matches("(?s).*\\Q" + rollout.resolve("records.jsonl").toAbsolutePath()
                    + "\\E:\\d+: task_id: task '" + task + "' has no row in \\Q" + constraints + "\\E.*"), message);
        }
        assertFalse(Files.exists(dir.resolve("out")));
        assertFalse(Files.exists(dir.resolve(".out.staging")));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        status = SparkJobs.run(spark, new String[] {"score", "--reward", "no_such_reward", "--output",
                dir.resolve("out").toString(), rollout.toString()}, new PrintStream(out),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, status, err.toString(StandardCharsets.UTF_8));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown reward 'no_such_reward'"),
                err.toString(StandardCharsets.UTF_8));
    }
}
