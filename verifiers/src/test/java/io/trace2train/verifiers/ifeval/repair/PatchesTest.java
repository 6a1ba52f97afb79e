package io.trace2train.verifiers.ifeval.repair;

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
import io.trace2train.api.param.VerifierArguments;
import io.trace2train.api.repair.ConstraintCheck;
import io.trace2train.api.repair.RepairOutcome;
import io.trace2train.api.repair.RepairRequest;
import io.trace2train.api.repair.RepairStrategy;
import io.trace2train.api.task.ConstraintSpec;
import io.trace2train.api.task.TaskSpec;
import io.trace2train.api.verify.Verdict;
import io.trace2train.api.verify.VerifierFactory;
import io.trace2train.testing.ExampleData;
import io.trace2train.verifiers.ifeval.IfevalPlugin;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Every patch, on every GPT-4 response that fails the instruction it handles. */
class PatchesTest {

    private static final IfevalPlugin PLUGIN = new IfevalPlugin();
    private static final Map<String, VerifierFactory> FACTORIES = new HashMap<>();

    static {
        PLUGIN.verifierFactories().forEach(f -> FACTORIES.put(f.id(), f));
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
        VerifierFactory factory = FACTORIES.get(id);
        Verdict verdict = factory.create(VerifierArguments.bind(id, factory.parameters(), args)).check(output);
        ConstraintCheck check = new ConstraintCheck(0, spec, verdict);
        return strategy.repair(new RepairRequest(TaskSpec.ofPrompt("t", "p", List.of(spec)), output, List.of(check),
                List.of(check), NO_MODEL, GenerationSettings.defaults()));
    }

    private static RepairStrategy strategy(String name) {
        return PLUGIN.repairStrategies().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void patchesFixTheGpt4FailuresTheyHandleAndTheFixHolds() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Map<String, String> responses = new HashMap<>();
        for (String line : Files.readAllLines(ExampleData.ifeval("responses_gpt4.jsonl"))) {
            JsonNode row = json.readTree(line);
            responses.put(row.get("prompt").textValue(), row.get("response").textValue());
        }
        Map<String, int[]> fixed = new TreeMap<>(); // strategy -> {failing handled, fixed}
        for (String line : Files.readAllLines(ExampleData.ifeval("input_data.jsonl"))) {
            JsonNode row = json.readTree(line);
            String response = responses.get(row.get("prompt").textValue());
            for (int i = 0; i < row.get("instruction_id_list").size(); i++) {
                String id = row.get("instruction_id_list").get(i).textValue();
                @SuppressWarnings("unchecked")
                Map<String, Object> args = json.convertValue(row.get("kwargs").get(i), Map.class);
                VerifierFactory factory = FACTORIES.get(id);
                if (factory.create(VerifierArguments.bind(id, factory.parameters(), args)).check(response).passed()) {
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
                        String patched = outcome.get().output();
                        assertTrue(factory.create(VerifierArguments.bind(id, factory.parameters(), args))
                                .check(patched).passed(), strategy.name() + " on " + row.get("key"));
                        assertTrue(outcome.get().sent().isEmpty() && outcome.get().generation().isEmpty());
                    }
                }
            }
        }
        // GPT-4's failures of these instructions, and how many each patch fixes exactly
        assertEquals(22, fixed.get("patch:remove_commas")[0]);
        assertEquals(22, fixed.get("patch:remove_commas")[1]);
        assertEquals(15, fixed.get("patch:repeat_prompt")[1]);
        assertEquals(4, fixed.get("patch:append_end_phrase")[1]);
        assertTrue(fixed.get("patch:uppercase")[1] >= 3, () -> "uppercase " + fixed.get("patch:uppercase")[1]);
    }

    @Test
    void eachPatchDoesItsOneEdit() {
        assertEquals("Hi there and 1000 more", repair(strategy("patch:remove_commas"), "punctuation:no_comma",
                Map.of(), "Hi, there, and 1,000 more").orElseThrow().output());
        assertEquals("\"Hello world.\"", repair(strategy("patch:wrap_in_quotes"), "startend:quotation", Map.of(),
                "  Hello world.\n").orElseThrow().output());
        assertEquals("Body.\n\nP.P.S. Thank you for reading.", repair(strategy("patch:append_postscript"),
                "detectable_content:postscript", Map.of("postscript_marker", "P.P.S"), "Body.\n").orElseThrow().output());
        assertEquals("Body\n\nAny other questions?", repair(strategy("patch:append_end_phrase"),
                "startend:end_checker", Map.of("end_phrase", "Any other questions?"), "Body  ").orElseThrow().output());
        assertEquals("<<My Trip>>\n\n# My Trip\nWe went.", repair(strategy("patch:add_title"),
                "detectable_format:title", Map.of(), "# My Trip\nWe went.").orElseThrow().output());
        assertEquals("Say it back\n\nAnswer.", repair(strategy("patch:repeat_prompt"), "combination:repeat_prompt",
                Map.of("prompt_to_repeat", "Say it back"), " Answer.").orElseThrow().output());
    }

    @Test
    void aPatchThatCannotMakeItsCheckPassReturnsNothing() {
        // lower-casing cannot make Hindi English: the case is fixed, but the check still fails
        assertFalse(repair(strategy("patch:lowercase"), "change_case:english_lowercase", Map.of(),
                "नमस्ते दुनिया, यह एक परीक्षण वाक्य है जो हिंदी में लिखा गया है").isPresent());
        assertTrue(strategy("patch:remove_commas").handles("punctuation:no_comma"));
        assertFalse(strategy("patch:remove_commas").handles("startend:quotation"));
    }
}
