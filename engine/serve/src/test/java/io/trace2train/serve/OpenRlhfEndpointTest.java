package io.trace2train.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.trace2train.engine.Engine;
import io.trace2train.engine.config.EngineConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * OpenRLHF's remote reward protocol ({@code openrlhf.utils.remote_rm_utils.request_api_wrapper} posts
 * {@code {"query": [...], "prompts": [...], "labels": [...]}} and reads {@code rewards}, {@code scores},
 * {@code extra_logs}).
 */
class OpenRlhfEndpointTest {

    private static RewardServer server;
    private static ServiceClient client;

    @BeforeAll
    static void start() throws Exception {
        server = RewardServer.start(Engine.start(EngineConfig.defaults()), ServeOptions.loopback(0));
        client = new ServiceClient(server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theCompletionIsTheQueryLessItsPromptAndEndTokens() {
        String prompt = "<|im_start|>user\nNo commas please<|im_end|>\n<|im_start|>assistant\n";
        assertEquals("Fine answer", OpenRlhfWire.completion(prompt + "Fine answer<|im_end|><|endoftext|>", prompt));
        assertEquals("a</s> inside", OpenRlhfWire.completion("Pa</s> inside</s>", "P"));
    }

    @Test
    void rewardsScoresAndExtraLogsPerQueryInOrder() throws Exception {
        String prompt = "<|im_start|>user\nNo commas, all lowercase<|im_end|>\n<|im_start|>assistant\n";
        String ifeval = "{\"instruction_id_list\": [\"punctuation:no_comma\","
                + " \"change_case:english_lowercase\"], \"kwargs\": [{}, {}]}";
        String task = "{\"constraints\": [{\"verifier\": \"punctuation:no_comma\"}]}";
        JsonNode answer = client.postJson("/openrlhf/reward", Map.of(
                "query", List.of(prompt + "all fine here<|im_end|>", prompt + "Half, right<|im_end|>",
                        prompt + "no commas<|endoftext|>", "another prompt entirely"),
                "prompts", List.of(prompt, prompt, prompt, prompt),
                "labels", List.of(ifeval, ifeval, task, task)));
        assertEquals(List.of(1.0, 0.0, 1.0, 0.0), doubles(answer.get("rewards")));
        assertEquals(doubles(answer.get("rewards")), doubles(answer.get("scores")));
        JsonNode logs = answer.get("extra_logs");
        assertEquals(List.of(1.0, 0.0, 1.0, 0.0), doubles(logs.get("passed")));
        assertEquals("bad_item", logs.get("failure_kind").get(3).asText());
        assertTrue(logs.get("message").get(3).asText().contains("does not start with prompts[3]"), logs::toString);
    }

    @Test
    void theRewardFunctionIsTheQuerysOrTheLabelsOwn() throws Exception {
        String prompt = "<|im_start|>user\nNo commas<|im_end|>\n<|im_start|>assistant\n";
        String task = "{\"constraints\": [{\"verifier\": \"punctuation:no_comma\"}]}";
        String stateTask = "{\"reward\": \"state\", \"constraints\": [{\"verifier\":"
                + " \"punctuation:no_comma\"}]}";
        Map<String, Object> request = Map.of("query", List.of(prompt + "One, two", prompt + "One, two",
                prompt + "One, two"), "prompts", List.of(prompt, prompt, prompt),
                "labels", List.of(task, stateTask, "{\"reward\": \"stat\", \"constraints\": []}"));

        // the share of constraints met is 0; the state reward gives 1 to a task with no state or told-user checks
        JsonNode byDefault = client.postJson("/openrlhf/reward", request);
        assertEquals(List.of(0.0, 1.0, 0.0), doubles(byDefault.get("rewards")));
        assertEquals("bad_item", byDefault.get("extra_logs").get("failure_kind").get(2).asText());
        assertTrue(byDefault.get("extra_logs").get("message").get(2).asText().startsWith("labels[2].reward: "),
                byDefault::toString);
        JsonNode byQuery = client.postJson("/openrlhf/reward?reward=state", request);
        assertEquals(List.of(1.0, 1.0, 0.0), doubles(byQuery.get("rewards")));

        var unknown = client.post("/openrlhf/reward?reward=nope", ServiceClient.JSON.writeValueAsString(request));
        assertEquals(400, unknown.statusCode());
        assertTrue(unknown.body().contains("no reward function 'nope'"), unknown.body());
    }

    @Test
    void listsOfUnequalLengthAre400() throws Exception {
        var response = client.post("/openrlhf/reward", "{\"query\": [\"a\", \"b\"], \"prompts\": [\"a\"],"
                + " \"labels\": [\"{}\", \"{}\"]}");
        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("prompts: expected a list of 2"), response.body());
    }

    private static List<Double> doubles(JsonNode array) {
        List<Double> values = new java.util.ArrayList<>();
        array.forEach(v -> values.add(v.asDouble()));
        return values;
    }
}
