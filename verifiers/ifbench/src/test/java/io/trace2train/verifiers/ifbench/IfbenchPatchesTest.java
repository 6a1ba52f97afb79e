package io.trace2train.verifiers.ifbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trace2train.api.backend.Generation;
import io.trace2train.api.backend.GenerationRequest;
import io.trace2train.api.backend.GenerationSettings;
import io.trace2train.api.backend.ModelBackend;
import io.trace2train.api.backend.ModelInfo;
import io.trace2train.api.repair.ConstraintCheck;
import io.trace2train.api.repair.RepairOutcome;
import io.trace2train.api.repair.RepairRequest;
import io.trace2train.api.repair.RepairStrategy;
import io.trace2train.api.task.ConstraintSpec;
import io.trace2train.api.task.TaskSpec;
import io.trace2train.api.verify.Verdict;
import io.trace2train.testing.ExampleData;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Every IFBench patch, on every sample response that fails the instruction it handles, and each edit alone. */
class IfbenchPatchesTest {

    private static final IfbenchPlugin PLUGIN = new IfbenchPlugin();
    private static final Map<String, IfbenchVerifierFactory> FACTORIES = new HashMap<>();

    static {
        IfbenchPlugin.factories().forEach(f -> FACTORIES.put(f.id(), f));
    }

    /** No model: patches must never call one. */
    private static final ModelBackend NO_MODEL = new ModelBackend() {
        public ModelInfo model() {
            return new ModelInfo("none", "none", "none");
        }

        public boolean canGenerate() {
            return false;
        }

        public Generation generate(GenerationRequest request) {
            throw new AssertionError("a patch called the model");
        }
    };

    private static Optional<RepairOutcome> repair(RepairStrategy strategy, String id, Map<String, Object> args,
            String output) {
        ConstraintSpec spec = ConstraintSpec.hard(id, args, 0);
        Verdict verdict = FACTORIES.get(id).create(args).check(output);
        ConstraintCheck check = new ConstraintCheck(0, spec, verdict);
        return strategy.repair(new RepairRequest(TaskSpec.ofPrompt("t", "p", List.of(spec)), output, List.of(check),
                List.of(check), NO_MODEL, GenerationSettings.defaults()));
    }

    private static RepairStrategy strategy(String name) {
        return PLUGIN.repairStrategies().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    @SuppressWarnings("unchecked")
    void patchesFixTheSampleFailuresTheyHandleAndTheFixHolds() {
        ObjectMapper json = new ObjectMapper();
        ReferenceHarness harness = new ReferenceHarness();
        Map<String, int[]> fixed = new TreeMap<>(); // strategy -> {failing handled, fixed}
        for (JsonNode row : ExampleData.jsonLines(ExampleData.ifbench("IFBench_test.jsonl"))) {
            String response = harness.response(harness.row(row.get("key").asText()));
            if (response == null) {
                continue;
            }
            for (int i = 0; i < row.get("instruction_id_list").size(); i++) {
                String id = row.get("instruction_id_list").get(i).asText();
                Map<String, Object> args = json.convertValue(row.get("kwargs").get(i), Map.class);
                args.values().removeIf(v -> v == null);
                if (FACTORIES.get(id).create(args).check(response).passed()) {
                    continue;
                }
                for (RepairStrategy strategy : PLUGIN.repairStrategies()) {
                    if (!strategy.handles(id)) {
                        continue;
                    }
                    int[] counts = fixed.computeIfAbsent(strategy.name(), k -> new int[2]);
                    counts[0]++;
                    Optional<RepairOutcome> outcome = repair(strategy, id, args, response);
                    if (outcome.isPresent()) {
                        counts[1]++;
                        assertTrue(FACTORIES.get(id).create(args).check(outcome.get().output()).passed(),
                                strategy.name() + " on " + row.get("key"));
                        assertTrue(outcome.get().sent().isEmpty() && outcome.get().generation().isEmpty());
                    }
                }
            }
        }
        Map<String, List<Integer>> figures = new TreeMap<>();
        fixed.forEach((name, counts) -> figures.put(name, List.of(counts[0], counts[1])));
        // the sample responses' failures of these instructions, and how many each patch fixes exactly
        // (no sample response fails format:output_template; eachPatchDoesItsOneEdit covers that patch)
        assertEquals(Map.of(
                "patch:indent_stairs", List.of(8, 8),
                "patch:remove_whitespace", List.of(1, 1),
                "patch:repeat_simple", List.of(2, 2),
                "patch:repeat_span", List.of(4, 4)), figures);
    }

    @Test
    void eachPatchDoesItsOneEdit() {
        assertEquals("abcd", repair(strategy("patch:remove_whitespace"), "format:no_whitespace", Map.of(),
                "a b\u00A0c\n\td").orElseThrow().output());
        assertEquals(RepeatChecks.SIMPLE, repair(strategy("patch:repeat_simple"), "repeat:repeat_simple", Map.of(),
                "Sure! " + RepeatChecks.SIMPLE).orElseThrow().output());
        assertEquals("world", repair(strategy("patch:repeat_span"), "repeat:repeat_span",
                Map.of("prompt_to_repeat", "Hello world, this is", "n_start", 6, "n_end", 10), "Hello")
                .orElseThrow().output());
        assertEquals("My Answer: Yes.\n\nMy Conclusion: So.\n\nFuture Outlook: Later.",
                repair(strategy("patch:output_template"), "format:output_template", Map.of(),
                        "Yes.\n\nSo.\n\n\nLater.\n").orElseThrow().output());
        assertEquals("a\n b\n  c", repair(strategy("patch:indent_stairs"), "format:line_indent", Map.of(),
                "a\n\n\tb\n   \n c").orElseThrow().output());
    }

    @Test
    void aPatchThatCannotApplyReturnsNothing() {
        assertFalse(repair(strategy("patch:output_template"), "format:output_template", Map.of(),
                "One paragraph only.").isPresent(), "too few paragraphs for the last two headings");
        assertTrue(strategy("patch:remove_whitespace").handles("format:no_whitespace"));
        assertFalse(strategy("patch:remove_whitespace").handles("format:line_indent"));
    }
}
