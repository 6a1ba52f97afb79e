package io.trace2train.engine.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.trace2train.api.task.TaskSpec;
import io.trace2train.engine.io.Digests;
import java.nio.charset.StandardCharsets;

/**
 * SHA-256 of a task spec's canonical JSON (properties and map keys sorted), so two records of the same task carry
 * the same hash whatever file or key order it came from.
 */
public final class TaskHash {

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private TaskHash() {
    }

    public static String of(TaskSpec task) {
        try {
            return Digests.sha256(CANONICAL.writeValueAsString(task).getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot hash task " + task.id(), e);
        }
    }
}
