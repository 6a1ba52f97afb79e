package io.trace2train.exporters.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import io.trace2train.api.backend.GenerationSettings;
import io.trace2train.api.backend.ModelInfo;
import io.trace2train.api.export.ExportRow;
import io.trace2train.api.export.Exporter;
import io.trace2train.api.export.ExporterFactory;
import io.trace2train.api.export.TaskRecords;
import io.trace2train.api.record.AttemptRecord;
import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.api.record.ConstraintResult;
import io.trace2train.api.record.ForkInfo;
import io.trace2train.api.record.RewardRecord;
import io.trace2train.api.record.RunError;
import io.trace2train.api.record.TokenCost;
import io.trace2train.api.record.Versions;
import io.trace2train.api.task.ChatMessage;
import io.trace2train.api.task.ConstraintLevel;
import io.trace2train.engine.record.JsonSchemas;
import io.trace2train.engine.record.RecordJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every format of the plugin, in every flavor, must do with the same ranked forks: rows that meet their own
 * schema, the task's original conversation as the prompt, texts only from real answers, and a trace.
 */
class ExporterContractTest {

    private static final List<ChatMessage> PROMPT = List.of(ChatMessage.user("Describe a cat without commas."));

    private static ConstraintResult verdict(boolean passed) {
        return new ConstraintResult(0, "punctuation:no_comma", "1", ConstraintLevel.HARD, passed, null, null,
                passed ? "" : "remove the commas", List.of());
    }

    private static AttemptRecord attempt(int index, String strategy, String output, boolean passed, Long seed) {
        List<ChatMessage> sent = index == 0 ? PROMPT
                : List.of(PROMPT.getFirst(), ChatMessage.assistant("draft"), ChatMessage.user("fix it"));
        return new AttemptRecord(index, index, strategy, seed == null ? null : sent, output, List.of(verdict(passed)),
                3, 4, 1, seed, false, null);
    }

    private static ComplianceRecord fork(int index, List<AttemptRecord> attempts, RunError error) {
        AttemptRecord last = attempts.isEmpty() ? null : attempts.getLast();
        boolean passed = error == null && last != null && last.passesHard();
        return new ComplianceRecord(ComplianceRecord.SCHEMA_VERSION, "rec-" + index, "run", "t1",
                "sha256:" + "0".repeat(64), PROMPT, new ModelInfo("jlama", "stories260K", "sha256:abc"), "full_pcl",
                new GenerationSettings(1.0, 0.95, 100 + index, 32, List.of()), attempts,
                attempts.isEmpty() || attempts.getFirst().passesHard() ? List.of() : List.of(0),
                passed ? List.of() : List.of(0), last == null ? "" : last.output(), passed, attempts.size() - 1,
                new TokenCost(7, 8, 0), 5, new Versions("test", Map.of("punctuation:no_comma", "1")), List.of(), error,
                new ForkInfo(index, 3), new RewardRecord("constraint_share", "1", passed ? 1 : 0, passed,
                        Map.of("weighted_share", passed ? 1.0 : 0.0)));
    }

    /** Fork 0: a draft with commas, patched to pass; fork 1: fails; fork 2: timed out before answering. */
    private static final TaskRecords FORKS = new TaskRecords("t1", List.of(
            fork(0, List.of(attempt(0, "generate", "Cats, purr.", false, 100L),
                    attempt(1, "patch:remove_commas", "Cats purr.", true, null)), null),
            fork(1, List.of(attempt(0, "generate", "Cats, sleep, eat.", false, 101L)), null),
            fork(2, List.of(), new RunError("timeout", "stopped after the 5 s timeout", "generate"))));

    @Test
    void everyFormatInEveryFlavorMakesRowsThatMeetItsSchemaFromRealAnswersOnly() {
        for (ExporterFactory factory : new TrainingPlugin().exporterFactories()) {
            for (String flavor : factory.flavors()) {
                Exporter exporter = factory.create(flavor, Map.of());
                JsonSchema schema = JsonSchemas.load(exporter.getClass(), exporter.rowSchema());
                List<ExportRow> rows = new ArrayList<>();
                exporter.export(FORKS, rows::add);
                String what = factory.name() + "/" + flavor;
                assertFalse(rows.isEmpty(), what);
                for (ExportRow row : rows) {
                    JsonNode node = RecordJson.mapper().valueToTree(row.row());
                    assertEquals(List.of(), schema.validate(node).stream().map(Object::toString).toList(), what);
                    assertEquals(PROMPT, row.prompt(), what + ": the task's own conversation");
                    assertEquals("t1", row.taskId());
                    assertFalse(row.completion().isEmpty(), what + ": a real answer");
                    assertTrue(row.trace().containsKey("run_id") && row.trace().containsKey("model"), what);
                    assertFalse(node.toString().contains("fix it"), what + ": never a repair prompt");
                }
            }
        }
    }

    @Test
    void eachFormatTakesTheTextsItPromises() {
        List<ExportRow> sft = rows("sft", "trl", Map.of());
        assertEquals(List.of("Cats purr."), sft.stream().map(ExportRow::completion).toList(), "passing outputs only");

        List<ExportRow> dpo = rows("dpo", "trl", Map.of());
        assertEquals(List.of("Cats purr.\u0000Cats, sleep, eat.", "Cats purr.\u0000Cats, purr."),
                dpo.stream().map(ExportRow::completion).toList(), "fork pair first, then the repair trace's draft");
        assertEquals("forks", dpo.get(0).trace().get("source"));
        assertEquals("repair", dpo.get(1).trace().get("source"));
        assertEquals(1, rows("dpo", "trl", Map.of("max-pairs", "1")).size());
        assertEquals(1, rows("dpo", "openai", Map.of("sources", "repairs")).size());

        List<ExportRow> kto = rows("kto", "trl", Map.of());
        assertEquals(List.of(false, true, false), kto.stream().map(ExportRow::passed).toList(),
                "every attempt, labelled by its own verdict");
        assertNotEquals(kto.get(0).trace(), kto.get(1).trace());

        List<ExportRow> rewards = rows("rewards", "trl", Map.of());
        assertEquals(2, rewards.size(), "the timed-out fork gave no answer");
        assertEquals(1.0, rewards.getFirst().reward());
    }

    private static List<ExportRow> rows(String format, String flavor, Map<String, String> options) {
        ExporterFactory factory = new TrainingPlugin().exporterFactories().stream()
                .filter(f -> f.name().equals(format)).findFirst().orElseThrow();
        List<ExportRow> rows = new ArrayList<>();
        factory.create(flavor, options).export(FORKS, rows::add);
        return rows;
    }
}
