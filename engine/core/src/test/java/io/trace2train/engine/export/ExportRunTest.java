package io.trace2train.engine.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.trace2train.api.backend.Generation;
import io.trace2train.api.backend.GenerationRequest;
import io.trace2train.api.backend.GenerationSettings;
import io.trace2train.api.backend.ModelBackend;
import io.trace2train.api.backend.ModelInfo;
import io.trace2train.api.export.ExportRow;
import io.trace2train.api.export.Exporter;
import io.trace2train.api.export.ExporterFactory;
import io.trace2train.api.export.TaskRecords;
import io.trace2train.api.task.ChatMessage;
import io.trace2train.api.task.ConstraintSpec;
import io.trace2train.api.task.TaskSpec;
import io.trace2train.engine.Engine;
import io.trace2train.engine.config.EngineConfig;
import io.trace2train.engine.io.BadInputException;
import io.trace2train.engine.rollout.ForkPlan;
import io.trace2train.engine.run.ComplianceRunner;
import io.trace2train.engine.run.Mode;
import io.trace2train.engine.run.RunSettings;
import io.trace2train.engine.store.RecordSink;
import io.trace2train.engine.store.RunDirectory;
import io.trace2train.engine.store.RunExecutor;
import io.trace2train.engine.store.RunManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The export stream with an exporter of the test's own: ordering, filters, de-duplication, schema checks. */
class ExportRunTest {

    @TempDir
    Path dir;

    private static final GenerationSettings SETTINGS = new GenerationSettings(0.7, 0.9, 42, 32, List.of());

    /** A run of {@code tasks} tasks whose answers are "answer to tN" (the no-comma constraint passes). */
    private Path run(int tasks) throws Exception {
        Engine engine = Engine.start(EngineConfig.defaults());
        List<TaskSpec> specs = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            specs.add(new TaskSpec("t" + i, List.of(ChatMessage.user("Question " + (i % 3))),
                    List.of(ConstraintSpec.hard("punctuation:no_comma", Map.of(), 0))));
        }
        ModelBackend backend = new ModelBackend() {
            @Override
            public ModelInfo model() {
                return new ModelInfo("echo", "echo", "v1");
            }

            @Override
            public boolean canGenerate() {
                return true;
            }

            @Override
            public Generation generate(GenerationRequest request) {
                return new Generation("answer to " + request.messages().getFirst().content(), 1, 1, 0);
            }
        };
        Path folder = dir.resolve("run");
        try (RunDirectory run = RunDirectory.create(folder, new RunManifest("r", "2026-12-01T00:00:00Z", "direct",
                "echo", Map.of(), SETTINGS, 3, 3, "tasks", "sha256:x", "test", "constraint_share", null, null));
                RecordSink sink = run.sink()) {
            RunExecutor.run(ForkPlan.plain(specs, SETTINGS), run.finished(), run.passedByTask(), "r",
                    new ComplianceRunner(RunSettings.of(Mode.DIRECT, SETTINGS), backend, engine.verifiers(),
                            engine.repairStrategies(), new SimpleMeterRegistry()), sink, RunExecutor.Limits.of(1),
                    r -> { });
        }
        return folder;
    }

    /** Rows {@code {"text": output}}, or a row without its text for task {@code broken}. */
    private static final class TextExporter implements Exporter {

        private final String broken;

        TextExporter(String broken) {
            this.broken = broken;
        }

        @Override
        public String rowSchema() {
            return "/io/trace2train/engine/export/text-row.schema.json";
        }

        @Override
        public TracePlacement tracePlacement() {
            return TracePlacement.INLINE;
        }

        @Override
        public void export(TaskRecords task, Consumer<ExportRow> rows) {
            var record = task.ranked().getFirst();
            Map<String, Object> row = task.taskId().equals(broken) ? Map.of("txt", "x")
                    : Map.of("text", record.finalOutput());
            rows.accept(new ExportRow(row, task.taskId(), record.promptMessages(), List.of(record.finalOutput()), true,
                    1.0,
                    Map.of("record_id", record.recordId())));
        }
    }

    private static ExporterFactory factory() {
        return new ExporterFactory() {
            @Override
            public String name() {
                return "text";
            }

            @Override
            public String description() {
                return "texts";
            }

            @Override
            public String version() {
                return "7";
            }

            @Override
            public List<String> flavors() {
                return List.of("plain");
            }

            @Override
            public Exporter create(String flavor, Map<String, String> options) {
                return new TextExporter(null);
            }
        };
    }

    @Test
    void rowsKeepTheRunsOrderCarryTheirTraceAndRepeatsAreDropped() throws Exception {
        Path folder = run(1000);
        Path out = dir.resolve("rows.jsonl");
        ExportRun.Summary summary = new ExportRun(factory(), new TextExporter(null), ExportFilters.none())
                .export(folder, out);

        // three distinct prompts, each answered the same way: every later repeat is a duplicate
        assertEquals(1000, summary.records());
        assertEquals(3, summary.rows());
        assertEquals(997, summary.duplicates());
        assertEquals(null, summary.card(), "a schema that leaves a type open gives no column types");
        assertEquals(List.of("no dataset card: the row schema /io/trace2train/engine/export/text-row.schema.json gives"
                + " no column types ($: an object must list its properties and allow no others"
                + " (additionalProperties: false))"), summary.warnings());
        assertTrue(Files.notExists(dir.resolve("README.md")));
        List<String> lines = Files.readAllLines(out);
        assertTrue(lines.getFirst().startsWith("{\"text\":\"answer to Question 0\",\"metadata\":{\"format\":\"text\","
                + "\"format_version\":\"7\",\"task_id\":\"t0\",\"prompt_id\":\"sha256:"), lines.getFirst());

        ExportRun.Summary all = new ExportRun(factory(), new TextExporter(null), new ExportFilters(false, null, 0,
                false)).export(folder, out);
        assertEquals(1000, all.rows());
        List<String> tasks = Files.readAllLines(out).stream().map(l -> l.replaceAll(".*\"task_id\":\"(t\\d+)\".*", "$1"))
                .toList();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            expected.add("t" + i);
        }
        expected.sort(null);
        assertEquals(expected, tasks, "rows by task id (as strings: t10 before t2), whatever the parallel parsing and"
                + " serializing");
    }

    @Test
    void theOrderTheLinesWereWrittenInChangesNoByteOfTheExport() throws Exception {
        Path folder = run(300);
        Path records = folder.resolve(RunDirectory.RECORDS);
        Path before = dir.resolve("before.jsonl");
        new ExportRun(factory(), new TextExporter(null), ExportFilters.none()).export(folder, before);
        List<String> lines = new ArrayList<>(Files.readAllLines(records));
        Collections.shuffle(lines, new Random(11));
        lines.add(17, " \t");
        Files.write(records, lines);
        Path after = dir.resolve("after.jsonl");
        ExportRun.Summary summary = new ExportRun(factory(), new TextExporter(null), ExportFilters.none())
                .export(folder, after);
        assertEquals(300, summary.records());
        assertEquals(3, summary.rows());
        assertArrayEquals(Files.readAllBytes(before), Files.readAllBytes(after));

        // a line that is no record is still reported with its file and line, wherever its task comes in the order
        lines.set(201, lines.get(201).substring(0, 120));
        Files.write(records, lines);
        BadInputException e = assertThrows(BadInputException.class, () -> new ExportRun(factory(),
                new TextExporter(null), ExportFilters.none()).export(folder, dir.resolve("bad.jsonl")));
        assertTrue(e.getMessage().contains(records + ":202:"), e.getMessage());
        assertTrue(Files.notExists(dir.resolve("bad.jsonl")));
    }

    @Test
    void aRowThatBreaksItsSchemaStopsTheExportBeforeAnyFileIsPublished() throws Exception {
        Path folder = run(600);
        Path out = dir.resolve("out/rows.jsonl");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new ExportRun(factory(), new TextExporter("t555"), new ExportFilters(false, null, 0, false))
                        .export(folder, out));
        assertTrue(e.getMessage().contains("task t555") && e.getMessage().contains("text-row.schema.json"),
                e.getMessage());
        try (Stream<Path> left = Files.list(out.getParent())) {
            assertEquals(List.of(), left.toList());
        }
    }
}
