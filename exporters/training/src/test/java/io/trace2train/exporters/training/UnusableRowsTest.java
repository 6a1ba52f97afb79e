package io.trace2train.exporters.training;

import static io.trace2train.exporters.training.TestRecords.attempt;
import static io.trace2train.exporters.training.TestRecords.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.trace2train.api.export.ExporterFactory;
import io.trace2train.api.export.TrainingTexts;
import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.api.record.ForkInfo;
import io.trace2train.api.task.ChatMessage;
import io.trace2train.engine.export.ExportFilters;
import io.trace2train.engine.export.ExportRun;
import io.trace2train.engine.record.RecordJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows a trainer cannot learn from (a blank or invisible completion, a blank prompt, a pair whose texts differ only
 * in white space) are skipped in every format and counted by reason in the summary; the file keeps the rest.
 */
class UnusableRowsTest {

    @TempDir
    Path dir;

    private Path run;

    private static ComplianceRecord fork(String task, List<ChatMessage> prompt, int index, String... outputs) {
        List<io.trace2train.api.record.AttemptRecord> attempts = new ArrayList<>();
        for (int i = 0; i < outputs.length; i++) {
            // an output passes when it has no comma: the no-comma verdict, as the verifier gives it
            attempts.add(attempt(i, i == 0 ? "generate" : "patch:remove_commas", outputs[i],
                    !outputs[i].contains(","), i == 0 ? 100L + index : null));
        }
        return record(task, prompt, new ForkInfo(index, 3), 100 + index, attempts, null);
    }

    /** Three tasks of three forks, each the best fork first, as a rollout writes them. */
    @BeforeEach
    void rollout() throws Exception {
        List<ChatMessage> cat = TestRecords.PROMPT;
        List<ChatMessage> dog = List.of(ChatMessage.user("Describe a dog without commas."));
        List<ChatMessage> bird = List.of(ChatMessage.user("Describe a bird without commas."));
        List<ChatMessage> blank = List.of(ChatMessage.system("Be brief."), ChatMessage.user(" \n\u00A0"));
        run = TestRecords.runFolder(dir.resolve("run"), 3, List.of(
                fork("t1", cat, 0, "Cats, purr.", "Cats purr."),
                fork("t1", cat, 1, ""),
                fork("t1", cat, 2, "\u200B \n\t\uFEFF"),
                fork("t2", dog, 0, "Dogs bark."),
                fork("t2", dog, 1, " Dogs bark.\n"),
                fork("t2", dog, 2, "Dogs, bark."),
                fork("t3", blank, 0, "A cat."),
                fork("t3", blank, 1, "A, cat."),
                fork("t3", blank, 2, "A, cat, ok."),
                // the ranker puts the blank answer first: it passes, in fewer rounds than the patched one
                fork("t4", bird, 0, "\u200B\u00A0"),
                fork("t4", bird, 1, "Birds, sing.", "Birds sing."),
                fork("t4", bird, 2, "Birds, fly.")));
    }

    private ExportRun.Summary export(String format, String flavor, Map<String, String> options) throws Exception {
        ExporterFactory factory = new TrainingPlugin().exporterFactories().stream()
                .filter(f -> f.name().equals(format)).findFirst().orElseThrow();
        return new ExportRun(factory, factory.create(flavor, options), ExportFilters.none())
                .export(run, dir.resolve(format + "-" + flavor + ".jsonl"));
    }

    private static Map<String, Long> reasons(long blankPrompt, long blankCompletion) {
        return Map.of(TrainingTexts.BLANK_PROMPT, blankPrompt, TrainingTexts.BLANK_COMPLETION, blankCompletion);
    }

    @Test
    void everyFormatSkipsBlankTextsAndCountsThemByReason() throws Exception {
        // an empty answer passes "no commas": SFT would train on it
        ExportRun.Summary sft = export("sft", "trl", Map.of());
        assertEquals(3, sft.rows(), "t1's, t2's and t4's visible passing answers");
        assertEquals(reasons(1, 3), sft.unusable());
        assertEquals(1, sft.duplicates(), "' Dogs bark.\\n' is 'Dogs bark.' again");

        ExportRun.Summary kto = export("kto", "trl", Map.of());
        assertEquals(7, kto.rows());
        assertEquals(reasons(3, 3), kto.unusable());
        assertEquals(1, kto.duplicates(), "not a second row, with the other label");
        assertEquals(3, kto.passed());
        assertEquals(List.of("labels: 3 desirable (true), 4 undesirable (false)", "warning: 3 desirable vs 4"
                + " undesirable rows: TRL's KTOTrainer warns with its default weights; set EITHER desirable_weight in"
                + " [1.33, 1.77] OR undesirable_weight in [0.56, 0.75]"), kto.report());

        ExportRun.Summary rewards = export("rewards", "trl", Map.of());
        assertEquals(5, rewards.rows());
        assertEquals(reasons(3, 3), rewards.unusable());

        ExportRun.Summary dpo = export("dpo", "trl", Map.of());
        assertEquals(4, dpo.rows(), "t1's repair pair, t2's fork pair, t4's fork and repair pairs");
        assertEquals(Map.of(TrainingTexts.BLANK_PROMPT, 2L), dpo.unusable());
        assertEquals(List.of(), dpo.warnings());
        List<JsonNode> pairs = rows("dpo-trl.jsonl");
        assertEquals(List.of("Cats purr.", "Dogs bark.", "Birds sing.", "Birds sing."),
                pairs.stream().map(r -> r.at("/chosen/0/content").textValue()).toList(),
                "the best passing fork with a visible answer is chosen, never the blank one ranked above it");

        export("sft", "trl", Map.of("select", "best"));
        assertEquals(List.of("Cats purr.", "Dogs bark.", "Birds sing."), rows("sft-trl.jsonl").stream()
                .map(r -> r.at("/messages/1/content").textValue()).toList());

        for (Path file : List.of(dir.resolve("sft-trl.jsonl"), dir.resolve("kto-trl.jsonl"),
                dir.resolve("rewards-trl.jsonl"), dir.resolve("dpo-trl.jsonl"))) {
            for (String line : Files.readAllLines(file)) {
                JsonNode row = RecordJson.mapper().readTree(line);
                List<String> texts = new ArrayList<>();
                row.findValues("content").forEach(c -> texts.add(c.textValue()));
                assertTrue(texts.stream().noneMatch(TrainingTexts::isBlank), file + ": " + line);
            }
        }
    }

    private List<JsonNode> rows(String file) throws Exception {
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve(file))) {
            rows.add(RecordJson.mapper().readTree(line));
        }
        return rows;
    }

    @Test
    void blankPairsTakeNoPlaceUnderTheCapOfPairsPerTask() throws Exception {
        ExportRun.Summary dpo = export("dpo", "openai", Map.of("max-pairs", "1"));
        assertEquals(3, dpo.rows(), "t1, t2 and t4 give one pair each; t3's two blank-prompt pairs take no place");
        assertEquals(Map.of(TrainingTexts.BLANK_PROMPT, 2L), dpo.unusable());
        assertEquals(List.of("OpenAI's fine-tuning needs at least 10 examples; this file has 3"), dpo.warnings());
    }

    @Test
    void theTextTestsSeeInvisibleCharactersAsBlank() {
        for (String blank : List.of("", " ", "\n\t\r", "\u00A0", "\u200B", "\uFEFF", "\u2028", "\u0000", "\u3000")) {
            assertTrue(TrainingTexts.isBlank(blank), blank.codePoints().boxed().toList().toString());
        }
        assertEquals("a b", TrainingTexts.trim("\uFEFF\u00A0a b\u200B\n"));
        assertEquals(java.util.Optional.of(TrainingTexts.SAME_COMPLETIONS),
                TrainingTexts.problem(TestRecords.PROMPT, List.of("Yes.", "Yes.\u00A0")));
        assertEquals(java.util.Optional.empty(), TrainingTexts.problem(TestRecords.PROMPT, List.of("Yes.", "No.")));
        assertEquals("\uD83D\uDE00", TrainingTexts.trim(" \uD83D\uDE00 "), "an emoji is visible");
    }
}
