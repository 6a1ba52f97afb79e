package io.trace2train.verifiers.ifbench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trace2train.api.text.PythonText;
import io.trace2train.api.verify.Verifier;
import io.trace2train.engine.verify.LooseCandidates;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * IFBench's {@code evaluation_lib} over this plugin: strict is a non-blank response that passes; loose passes if any
 * of the 8 loose variants is non-blank and passes; a prompt is looked up exactly, then stripped, and a prompt with
 * no response fails every instruction.
 */
final class ReferenceHarness {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One test row: its key, prompt, and a verifier per instruction. */
    record Row(String key, String prompt, List<String> ids, List<Verifier> verifiers) {
    }

    private final Map<String, IfbenchVerifierFactory> factories = new HashMap<>();
    private final Map<String, String> responses = new HashMap<>();

    ReferenceHarness(List<JsonNode> sampleOutput) {
        IfbenchPlugin.factories().forEach(f -> factories.put(f.id(), f));
        for (JsonNode row : sampleOutput) {
            String prompt = row.get("prompt").asText();
            responses.put(prompt, row.get("response").asText());
            responses.putIfAbsent(PythonText.strip(prompt), row.get("response").asText());
        }
    }

    @SuppressWarnings("unchecked")
    Row row(JsonNode test) {
        List<String> ids = new ArrayList<>();
        List<Verifier> verifiers = new ArrayList<>();
        for (int i = 0; i < test.get("instruction_id_list").size(); i++) {
            String id = test.get("instruction_id_list").get(i).asText();
            Map<String, Object> kwargs = JSON.convertValue(test.get("kwargs").get(i), LinkedHashMap.class);
            ids.add(id);
            verifiers.add(factories.get(id).create(kwargs));
        }
        return new Row(test.get("key").asText(), test.get("prompt").asText(), ids, verifiers);
    }

    /** The response of a prompt: exact, else stripped; null if there is none. */
    String response(String prompt) {
        String exact = responses.get(prompt);
        return exact != null ? exact : responses.get(PythonText.strip(prompt));
    }

    List<Boolean> strict(Row row) {
        return strict(row, response(row.prompt()));
    }

    List<Boolean> loose(Row row) {
        return loose(row, response(row.prompt()));
    }

    /** The strict verdicts of {@code response} (null: no response). */
    List<Boolean> strict(Row row, String response) {
        List<Boolean> verdicts = new ArrayList<>();
        for (Verifier verifier : row.verifiers()) {
            verdicts.add(response != null && !PythonText.isBlank(response) && verifier.check(response).passed());
        }
        return verdicts;
    }

    /** The loose verdicts of {@code response} (null: no response). */
    List<Boolean> loose(Row row, String response) {
        List<Boolean> verdicts = new ArrayList<>();
        for (Verifier verifier : row.verifiers()) {
            boolean passed = false;
            if (response != null) {
                for (String variant : LooseCandidates.of(response)) {
                    if (!PythonText.isBlank(variant) && verifier.check(variant).passed()) {
                        passed = true;
                        break;
                    }
                }
            }
            verdicts.add(passed);
        }
        return verdicts;
    }
}
