package io.trace2train.serve;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trace2train.api.record.RewardRecord;
import io.trace2train.engine.Scored;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

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

    /** A {@code /v1/verify} request: the reward function it names (or null) and its items, in order. */
    record Request(@Nullable String reward, List<Parsed> items) {
    }

    /**
     * Reads a request in one pass with the streaming parser: each item is read into a node of its own and taken
     * apart there (no tree of the whole request, no copy of an item). More than {@code maxBatch} items: 413, their
     * number counted without reading them.
     */
    static Request request(ObjectMapper json, byte[] body, int maxBatch) {
        try (JsonParser in = json.createParser(body)) {
            if (in.nextToken() != JsonToken.START_OBJECT) {
                throw new WireException(400, "expected a JSON object");
            }
            String reward = null;
            List<Parsed> items = null;
            int count = 0;
            while (in.nextToken() == JsonToken.FIELD_NAME) {
                String field = in.currentName();
                JsonToken value = in.nextToken();
                if (field.equals("items")) {
                    // a field given twice counts as its last, as in a tree
                    items = value == JsonToken.START_ARRAY ? new ArrayList<>() : null;
                    count = 0;
                    if (items == null) {
                        in.skipChildren();
                        continue;
                    }
                    while (in.nextToken() != JsonToken.END_ARRAY) {
                        if (++count > maxBatch) {
                            in.skipChildren();
                            continue;
                        }
                        JsonNode node = in.readValueAsTree();
                        items.add(item(node == null ? NullNode.getInstance() : node));
                    }
                } else if (field.equals("reward")) {
                    JsonNode node = in.readValueAsTree();
                    reward = node == null || node.isNull() ? null : node.asText();
                } else {
                    in.skipChildren();
                }
            }
            if (items == null) {
                throw new WireException(400, "items: expected a list of {id, prompt | messages, completion,"
                        + " constraints | task}");
            }
            if (count > maxBatch) {
                throw tooMany(count, maxBatch);
            }
            return new Request(reward, items);
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A batch over the limit. */
    static WireException tooMany(int size, int maxBatch) {
        return new WireException(413, "a batch of " + size + " items is over the limit of " + maxBatch + "; split it");
    }

    /** A body that is not JSON: 400 with where the parser stopped. */
    static WireException malformed(JsonProcessingException e) {
        return new WireException(400, "malformed JSON: " + e.getOriginalMessage() + (e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()));
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
            // the item's node is this request's alone (read for it): its own fields are dropped in place, no copy
            row = (ObjectNode) node;
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

    /**
     * One item's answer as JSON bytes, written straight from the result's records (no tree in between): index, id,
     * then the verdict or the failure.
     */
    static byte[] answerBytes(ObjectMapper json, int index, JsonNode id, Scored scored) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512 + 256 * scored.constraints().size());
        try (JsonGenerator out = json.createGenerator(bytes)) {
            out.writeStartObject();
            out.writeNumberField("index", index);
            out.writeFieldName("id");
            if (id == null) {
                out.writeNull();
            } else {
                out.writeTree(id);
            }
            if (scored.failure() != null) {
                out.writeStringField("failure_kind", scored.failure().wireName());
                out.writeStringField("message", scored.message());
                out.writeNullField("reward");
                out.writeBooleanField("passed", false);
            } else {
                RewardRecord reward = scored.reward();
                out.writeStringField("task_id", scored.taskId());
                out.writeNumberField("reward", reward.value());
                out.writeBooleanField("passed", scored.passed());
                out.writeObjectField("reward_parts", reward.parts());
                out.writeStringField("reward_function", reward.function());
                out.writeObjectField("constraints", scored.constraints());
                out.writeObjectField("versions", scored.versions());
                if (scored.environment() != null) {
                    out.writeObjectField("environment", scored.environment());
                }
                if (!scored.notes().isEmpty()) {
                    out.writeObjectField("notes", scored.notes());
                }
            }
            out.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("an answer could not be written", e);
        }
        return bytes.toByteArray();
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
