package io.trace2train.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trace2train.api.reward.RewardFunction;
import io.trace2train.engine.Scored;
import java.util.List;
import java.util.Map;

/**
 * OpenRLHF's remote reward wire format ({@code --remote_rm_url}): a request {@code {query, prompts, labels}} of
 * equal-length lists, answered {@code {rewards, scores, extra_logs}}. {@code query} is the prompt and the response as
 * one templated string, so the completion is the query less its prompt prefix, less the end-of-turn tokens after it
 * ({@link #END_TOKENS}). A label is a JSON string holding the constraints: a task row or an IFEval row (its
 * {@code prompt} and {@code id}/{@code key} may be left out: the templated prompt and the item's index stand in), with
 * an optional {@code reward} naming the reward function of that item; the request's is {@code ?reward=NAME}
 * (default {@code constraint_share}).
 */
final class OpenRlhfWire {

    /** End-of-turn and padding tokens trimmed from the end of a completion, as chat templates write them. */
    static final List<String> END_TOKENS = List.of("<|im_end|>", "<|endoftext|>", "</s>", "<|eot_id|>",
            "<|end_of_text|>", "<|eom_id|>", "<end_of_turn>", "<eos>", "<pad>", "<|end|>");

    /** The label's field naming its reward function (left out: the request's). */
    static final String REWARD = "reward";

    private OpenRlhfWire() {
    }

    /** The request as items; an item that cannot be judged carries its failure. */
    static List<VerifyWire.Parsed> items(ObjectMapper json, JsonNode request, Map<String, RewardFunction> rewards) {
        JsonNode queries = request.get("query");
        JsonNode prompts = request.get("prompts");
        JsonNode labels = request.get("labels");
        if (queries == null || !queries.isArray()) {
            throw new WireException(400, "query: expected a list of strings (prompt and response, templated)");
        }
        if (prompts == null || !prompts.isArray() || prompts.size() != queries.size()) {
            throw new WireException(400, "prompts: expected a list of " + queries.size() + " strings, one per query");
        }
        if (labels == null || !labels.isArray() || labels.size() != queries.size()) {
            throw new WireException(400, "labels: expected a list of " + queries.size()
                    + " JSON strings holding each query's constraints");
        }
        java.util.ArrayList<VerifyWire.Parsed> items = new java.util.ArrayList<>(queries.size());
        for (int i = 0; i < queries.size(); i++) {
            items.add(item(json, i, queries.get(i), prompts.get(i), labels.get(i), rewards));
        }
        return items;
    }

    private static VerifyWire.Parsed item(ObjectMapper json, int index, JsonNode query, JsonNode prompt,
            JsonNode label, Map<String, RewardFunction> rewards) {
        JsonNode id = json.getNodeFactory().numberNode(index);
        if (!query.isTextual() || !prompt.isTextual()) {
            return failed(id, "query[" + index + "] and prompts[" + index + "]: expected strings");
        }
        if (!query.textValue().startsWith(prompt.textValue())) {
            return failed(id, "query[" + index + "] does not start with prompts[" + index + "]: the completion is"
                    + " the query less its prompt");
        }
        String completion = completion(query.textValue(), prompt.textValue());
        JsonNode constraints;
        try {
            constraints = label.isTextual() ? json.readTree(label.textValue()) : label;
        } catch (JsonProcessingException e) {
            return failed(id, "labels[" + index + "]: not JSON: " + e.getOriginalMessage());
        }
        if (constraints == null || !constraints.isObject()) {
            return failed(id, "labels[" + index + "]: expected a JSON object (a task row: constraints, or an IFEval"
                    + " row: instruction_id_list, kwargs)");
        }
        ObjectNode row = ((ObjectNode) constraints).deepCopy();
        // the label's own reward function, for datasets that mix tasks scored differently
        JsonNode rewardName = row.remove(REWARD);
        RewardFunction own = null;
        if (rewardName != null) {
            own = rewardName.isTextual() ? rewards.get(rewardName.textValue()) : null;
            if (own == null) {
                return failed(id, "labels[" + index + "].reward: expected the name of a reward function, one of "
                        + new java.util.TreeSet<>(rewards.keySet()) + "; got " + rewardName);
            }
        }
        if (!row.has("prompt") && !row.has("messages")) {
            row.put("prompt", prompt.textValue());
        }
        boolean ifeval = row.has("instruction_id_list");
        if (ifeval && !row.has("key")) {
            row.put("key", index);
        } else if (!ifeval && !row.has("id")) {
            row.put("id", Integer.toString(index));
        }
        return new VerifyWire.Parsed(id, new ItemJudge.Completion(row, completion, own), null);
    }

    /** The query less its prompt prefix and the end tokens that close it. */
    static String completion(String query, String prompt) {
        String completion = query.substring(prompt.length());
        boolean trimmed = true;
        while (trimmed) {
            trimmed = false;
            for (String token : END_TOKENS) {
                if (completion.endsWith(token)) {
                    completion = completion.substring(0, completion.length() - token.length());
                    trimmed = true;
                }
            }
        }
        return completion;
    }

    private static VerifyWire.Parsed failed(JsonNode id, String message) {
        return new VerifyWire.Parsed(id, null, Scored.failed(null, Scored.Failure.BAD_ITEM, message));
    }

    /** Rewards (0 for an item that could not be judged), the same as scores, and per item what was found. */
    static ObjectNode answer(ObjectMapper json, List<Scored> scored) {
        ObjectNode out = json.createObjectNode();
        ArrayNode rewards = out.putArray("rewards");
        ArrayNode scores = out.putArray("scores");
        ObjectNode logs = out.putObject("extra_logs");
        ArrayNode passed = logs.putArray("passed");
        ArrayNode failures = logs.putArray("failure_kind");
        ArrayNode messages = logs.putArray("message");
        for (Scored item : scored) {
            double reward = item.reward() == null ? 0.0 : item.reward().value();
            rewards.add(reward);
            scores.add(reward);
            passed.add(item.passed() ? 1.0 : 0.0);
            failures.add(item.failure() == null ? "" : item.failure().wireName());
            messages.add(item.message());
        }
        return out;
    }
}
