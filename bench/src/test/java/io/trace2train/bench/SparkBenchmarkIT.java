package io.trace2train.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trace2train.engine.Engine;
import io.trace2train.engine.config.EngineConfig;
import io.trace2train.testing.ExampleData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench spark} end to end on a small input: every job on every path as a child process (the Spark ones through
 * the launcher's wrapper on the packaged job jar), the table's shape, and the outputs of both paths equal.
 */
class SparkBenchmarkIT {

    @Test
    void runsEachJobOnEachPathAndTheSparkOutputsEqualTheSingleMachines(@TempDir Path work) throws Exception {
        Path root = ExampleData.root().toAbsolutePath().getParent();
        var settings = new SparkBenchmark.Settings(root, ExampleData.ifeval("input_data.jsonl"),
                ExampleData.ifeval("responses_gpt4.jsonl"), 2000, 4, List.of("sft"), 100,
                List.of("export", "verify"), List.of("local[1]", "local[2]"), 1);
        StringWriter progress = new StringWriter();
        SparkBenchmark.Report report = SparkBenchmark.run(Engine.start(EngineConfig.defaults()), settings, work,
                new PrintWriter(progress));

        List<String> paths = List.of(SparkBenchmark.SINGLE, "local[1]", "local[2]");
        assertEquals(6, report.rows().size(), report.markdown());
        for (int i = 0; i < report.rows().size(); i++) {
            SparkBenchmark.Row row = report.rows().get(i);
            assertEquals(i < 3 ? "export sft" : "verify", row.job());
            assertEquals(paths.get(i % 3), row.path());
            assertTrue(row.sameOutput(), () -> row + " differs from the single machine's output");
            assertEquals(i < 3 ? 2000 : 100, row.inputs());
            // verify writes a strict and a loose row per prompt; the SFT export one row per kept record
            assertTrue(i < 3 ? row.rows() > 0 && row.rows() <= 2000 : row.rows() == 200, row::toString);
            if (row.path().equals(SparkBenchmark.SINGLE)) {
                assertNull(row.startupSeconds());
            } else {
                assertNotNull(row.startupSeconds(), "the job's start-up line was found");
                assertTrue(row.startupSeconds() > 0 && row.startupSeconds() < row.seconds(), row::toString);
            }
        }
        assertEquals(report.rows().get(0).rows(), report.rows().get(2).rows());
        assertTrue(report.jobJarBytes() > 1_000_000, "the job jar holds the engine: " + report.jobJarBytes());

        List<String> lines = report.markdown().lines().toList();
        assertEquals("| job | path | input | rows | seconds | input/s | rows/s | vs single machine | start-up s"
                + " | input/s after start-up | same output |", lines.get(0));
        for (String line : lines.subList(1, 8)) {
            assertEquals(13, line.split("\\|", -1).length, line); // 11 cells: 12 bars, 13 pieces
        }
        assertTrue(lines.get(2).startsWith("| export sft | single machine | 2,000 records |"), lines.get(2));
        assertTrue(lines.get(7).startsWith("| verify | local[2] | 100 prompts | 200 |"), lines.get(7));
        assertTrue(lines.stream().allMatch(l -> !l.startsWith("|") || !l.endsWith("| NO |")), report.markdown());
        assertTrue(lines.stream().anyMatch(l -> l.matches("export sft: local\\[2] / local\\[1] throughput = [0-9.]+x")),
                report.markdown());
        assertTrue(lines.stream().anyMatch(l -> l.matches("verify: local\\[2] / local\\[1] throughput = [0-9.]+x")),
                report.markdown());
        assertTrue(lines.stream().anyMatch(l -> l.matches("Job jar: [0-9.]+ MiB\\..*")), report.markdown());
        assertTrue(progress.toString().contains("verify, local[2]: "), progress.toString());
    }
}
