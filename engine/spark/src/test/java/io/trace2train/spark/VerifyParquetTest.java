package io.trace2train.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.trace2train.engine.Verification;
import io.trace2train.engine.verify.Strictness;
import io.trace2train.testing.ExampleData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code verify} over the IFEval prompts and GPT-4's responses as Parquet gives what it gives over JSONL. */
class VerifyParquetTest {

    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("VerifyParquetTest")
                .config("spark.ui.enabled", "false").config("spark.default.parallelism", "2").getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void parquetInputsGiveTheJsonlResultsByteForByte(@TempDir Path dir) throws Exception {
        Path prompts = ExampleData.ifeval("input_data.jsonl");
        Path responses = ExampleData.ifeval("responses_gpt4.jsonl");
        // as a user's pipeline would have them: Spark's own Parquet of the rows, a folder of part files and a file
        Path promptsParquet = dir.resolve("prompts");
        spark.read().json(prompts.toUri().toString()).coalesce(1).write().parquet(promptsParquet.toUri().toString());
        Path responsesParquet = dir.resolve("responses");
        spark.read().json(responses.toUri().toString()).coalesce(1).write()
                .parquet(responsesParquet.toUri().toString());
        Path responsesFile = dir.resolve("responses.parquet");
        try (var parts = Files.list(responsesParquet)) {
            Files.copy(parts.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow(), responsesFile);
        }
        VerifyJob.Result jsonl = VerifyJob.run(spark, new VerifyJob.Options(EngineSettings.defaults(),
                prompts.toString(), responses.toString(), dir.resolve("jsonl").toString(), false, 2));
        VerifyJob.Result parquet = VerifyJob.run(spark, new VerifyJob.Options(EngineSettings.defaults(),
                promptsParquet.toString(), responsesFile.toString(), dir.resolve("parquet").toString(), false, 2));
        assertEquals(541, parquet.prompts());
        assertEquals(0, parquet.missing());
        assertEquals(jsonl.reports(), parquet.reports());
        for (Strictness strictness : Strictness.values()) {
            assertArrayEquals(Files.readAllBytes(Verification.resultsFile(dir.resolve("jsonl"), strictness)),
                    Files.readAllBytes(Verification.resultsFile(dir.resolve("parquet"), strictness)),
                    strictness.label());
        }
        assertArrayEquals(Files.readAllBytes(dir.resolve("jsonl").resolve(VerifyJob.REPORT)),
                Files.readAllBytes(dir.resolve("parquet").resolve(VerifyJob.REPORT)));
        assertFalse(Files.exists(dir.resolve(".parquet.inputs")), "the converted inputs are removed");
    }
}
