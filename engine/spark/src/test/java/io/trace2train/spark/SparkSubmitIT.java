package io.trace2train.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trace2train.engine.Engine;
import io.trace2train.engine.ExportSpec;
import io.trace2train.engine.RunSpec;
import io.trace2train.engine.Verification;
import io.trace2train.engine.export.DatasetFeatures;
import io.trace2train.engine.export.ParquetRowReader;
import io.trace2train.engine.verify.Strictness;
import io.trace2train.testing.ExampleData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./trace2train spark-submit} in local mode: the packaged job jar (its relocated Jackson, Guava and Guice, its
 * merged plugin service files) on Spark's own jars, in a child JVM, against the single-machine verify and export.
 */
class SparkSubmitIT {

    @Test
    void theWrapperRunsTheJobJarInLocalModeAndWritesTheSingleMachineRows(@TempDir Path dir) throws Exception {
        Path root = ExampleData.root().toAbsolutePath().getParent();
        Path prompts = dir.resolve("prompts.jsonl");
        Files.write(prompts, Files.readAllLines(ExampleData.ifeval("input_data.jsonl")).subList(0, 40));
        Path responses = ExampleData.ifeval("responses_gpt4.jsonl").toAbsolutePath();
        Path log = dir.resolve("log.txt");
        Process process = new ProcessBuilder(root.resolve("trace2train").toString(), "spark-submit", "--master",
                "local[2]", "verify", "--prompts", prompts.toString(), "--responses", responses.toString(),
                "--output", dir.resolve("spark").toString()).redirectErrorStream(true).redirectOutput(log.toFile())
                .start();
        assertTrue(process.waitFor(300, TimeUnit.SECONDS), "the job ends");
        String output = Files.readString(log);
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("40 prompts, 0 without a response"), output);

        EngineSettings.defaults().engine().verify().files(prompts, responses, dir.resolve("single"), false);
        for (Strictness strictness : Strictness.values()) {
            assertArrayEquals(Files.readAllBytes(Verification.resultsFile(dir.resolve("single"), strictness)),
                    Files.readAllBytes(Verification.resultsFile(dir.resolve("spark"), strictness)));
        }
        try (var files = Files.list(dir.resolve("spark"))) {
            assertEquals(List.of("_SUCCESS", "accuracy.json", "eval_results_loose.jsonl", "eval_results_strict.jsonl"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    /** The job jar's relocated Parquet writes the dataset the single-machine export writes. */
    @Test
    void theJobJarWritesTheSingleMachineParquetDataset(@TempDir Path dir) throws Exception {
        Path root = ExampleData.root().toAbsolutePath().getParent();
        Path tasks = dir.resolve("tasks.jsonl");
        Files.write(tasks, Files.readAllLines(ExampleData.ifeval("input_data.jsonl")).subList(0, 12));
        Engine engine = EngineSettings.defaults().engine();
        Path run = dir.resolve("run");
        engine.runs().start(run, RunSpec.builder().backend("replay").backendOption("responses",
                ExampleData.ifeval("responses_gpt4.jsonl").toAbsolutePath().toString()).tasks(tasks).build());
        Path single = dir.resolve("single");
        engine.exports().export(ExportSpec.builder("kto", single).run(run).parquet(true).split(0.25, 3).build());

        Path log = dir.resolve("log.txt");
        Process process = new ProcessBuilder(root.resolve("trace2train").toString(), "spark-submit", "--master",
                "local[2]", "export", "--format", "kto", "--output-format", "parquet", "--validation-share", "0.25",
                "--split-seed", "3", "--output", dir.resolve("spark").toString(), run.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(process.waitFor(300, TimeUnit.SECONDS), "the job ends");
        assertEquals(0, process.exitValue(), Files.readString(log));

        Path spark = dir.resolve("spark");
        assertEquals(Files.readString(single.resolve("README.md")), Files.readString(spark.resolve("README.md")));
        ParquetRowReader reader = new ParquetRowReader(DatasetFeatures.of(engine.exporters().create("kto", null,
                java.util.Map.of())), false);
        List<String> files;
        try (var data = Files.list(single.resolve("data"))) {
            files = data.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(List.of("train-00000-of-00001.parquet", "validation-00000-of-00001.parquet"), files);
        for (String file : files) {
            List<?> rows = reader.read(single.resolve("data").resolve(file));
            assertTrue(!rows.isEmpty(), file);
            assertEquals(rows, reader.read(spark.resolve("data").resolve(file)), file);
        }
    }
}
