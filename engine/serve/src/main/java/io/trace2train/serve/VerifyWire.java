package io.trace2train.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trace2train.api.record.RewardRecord;
import io.trace2train.engine.Scored;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * The {@code /v1/verify} wire format. An item is {@code {id, completion}} with the task either inline (the fields of a
 * task row, {@code prompt | messages, constraints}, or of an IFEval/IFBench row, {@code key, prompt,
 * instruction_id_list, kwargs}, posted as they are) or under {@code task}. The answer keeps the items' order.
 */
final class VerifyWire {

    /** The item's own fields, not the task's. */
    private static final Set<String> ITEM_FIELDS = Set.of("completion", "task");
    /** An episode item's fields. */
    private static final Set<String> EPISODE_FIELDS = Set.of("id", "episode", "task", "constraints");

    private VerifyWire() {
    }

    /** One request item: its id as sent (or null), and the task row and completion, or why it cannot be judged. */
    record Parsed(JsonNode id, ItemJudge.Item item, Scored failure) {
    }

    static Parsed item(JsonNode node) {
        if (!node.isObject()) {
            return new Parsed(null, null, Scored.failed(null, Scored.Failure.BAD_ITEM,
                    "expected an object {id, prompt | messages, completion, constraints | task}"));
        }
        JsonNode id = node.has("id") ? node.get("id") : node.get("key");
        if (node.has("episode")) {
            return episode(id, (ObjectNode) node);
        }
        JsonNode completion = node.get("completion");
        if (completion == null || !completion.isTextual()) {
            return new Parsed(id, null, Scored.failed(null, Scored.Failure.BAD_ITEM,
                    "completion: expected a string (the text to judge)"));
        }
        ObjectNode row;
        if (node.has("task")) {
            if (!node.get("task").isObject()) {
                return new Parsed(id, null, Scored.failed(null, Scored.Failure.BAD_ITEM,
                        "task: expected a task row object"));
            }
            row = (ObjectNode) node.get("task");
        } else {
            row = ((ObjectNode) node).deepCopy();
            row.remove(ITEM_FIELDS);
            if (row.has("instruction_id_list")) {
                // an IFEval row is named by its key; the item's id is the caller's
                row.remove("id");
            }
        }
        return new Parsed(id, new ItemJudge.Completion(row, completion.textValue()), null);
    }

    /** An agent episode: {@code {id, episode, task | constraints}}, nothing else. */
    private static Parsed episode(JsonNode id, ObjectNode node) {
        List<String> unknown = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(name -> {
            if (!EPISODE_FIELDS.contains(name)) {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty()) {
            return new Parsed(id, null, Scored.failed(null, Scored.Failure.BAD_ITEM, unknown + ": unknown fields;"
                    + " an episode item has " + new java.util.TreeSet<>(EPISODE_FIELDS)));
        }
        JsonNode episode = node.get("episode");
        JsonNode task = node.get("task");
        if (!episode.isObject()) {
            return new Parsed(id, null, Scored.failed(null, Scored.Failure.BAD_ITEM,
                    "episode: expected an object {messages, tools} (a line of an OpenAI-format agent log)"));
        }
        if (task != null && !task.isObject()) {
            return new Parsed(id, null, Scored.failed(null, Scored.Failure.BAD_ITEM,
                    "task: expected a task row object"));
        }
        return new Parsed(id, new ItemJudge.EpisodeItem((ObjectNode) episode, (ObjectNode) task,
                node.get("constraints")), null);
    }

    static ObjectNode answer(ObjectMapper json, int index, JsonNode id, Scored scored) {
        ObjectNode out = json.createObjectNode();
        out.put("index", index);
        out.set("id", id == null ? json.nullNode() : id);
        if (scored.failure() != null) {
            out.put("failure_kind", scored.failure().wireName());
            out.put("message", scored.message());
            out.putNull("reward");
            out.put("passed", false);
            return out;
        }
        RewardRecord reward = scored.reward();
        out.put("task_id", scored.taskId());
        out.put("reward", reward.value());
        out.put("passed", scored.passed());
        out.set("reward_parts", json.valueToTree(reward.parts()));
        out.put("reward_function", reward.function());
        out.set("constraints", json.valueToTree(scored.constraints()));
        out.set("versions", json.valueToTree(scored.versions()));
        if (scored.environment() != null) {
            out.set("environment", json.valueToTree(scored.environment()));
        }
        if (!scored.notes().isEmpty()) {
            out.set("notes", json.valueToTree(scored.notes()));
        }
        return out;
    }

    /** One item's answer as JSON bytes. */
    static byte[] answerBytes(ObjectMapper json, int index, JsonNode id, Scored scored) {
        try {
            return json.writeValueAsBytes(answer(json, index, id, scored));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an answer could not be written", e);
        }
    }

    /** The response body {@code {"results": [...]}} around the items' answers, each already JSON. */
    static byte[] results(List<byte[]> answers) {
        byte[] open = "{\"results\":[".getBytes(StandardCharsets.UTF_8);
        int length = open.length + 2 + Math.max(0, answers.size() - 1);
        for (byte[] answer : answers) {
            length += answer.length;
        }
        ByteBuffer out = ByteBuffer.allocate(length).put(open);
        for (int i = 0; i < answers.size(); i++) {
            if (i > 0) {
                out.put((byte) ',');
            }
            out.put(answers.get(i));
        }
        return out.put((byte) ']').put((byte) '}').array();
    }
}
