package io.trace2train.exporters.training;

import io.trace2train.api.record.AttemptRecord;
import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.api.task.ChatMessage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The pieces rows are made of: messages as trainers read them, and where a text came from. */
public final class Rows {

    private Rows() {
    }

    /** {@code [{"role": ..., "content": ...}, ...]}. */
    public static List<Map<String, Object>> messages(List<ChatMessage> messages) {
        return messages.stream().map(Rows::message).toList();
    }

    /** A one-message assistant turn: how TRL's conversational completions and OpenAI's outputs hold a text. */
    public static List<Map<String, Object>> assistant(String text) {
        return List.of(message(ChatMessage.assistant(text)));
    }

    private static Map<String, Object> message(ChatMessage message) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("role", message.role().json());
        map.put("content", message.content());
        return map;
    }

    /**
     * Where a text comes from: the record, its fork, the attempt that produced it, the seed of that attempt's model
     * call (null for a deterministic patch or a replayed answer without one) and the fork's seed. Every key is always
     * there, null where it does not apply, so a trainer's table gets one column type for it across the file.
     */
    public static Map<String, Object> origin(ComplianceRecord record, AttemptRecord attempt) {
        Map<String, Object> origin = new LinkedHashMap<>();
        origin.put("record_id", record.recordId());
        origin.put("fork", record.fork() == null ? null : record.fork().index());
        origin.put("attempt", attempt == null ? null : attempt.index());
        origin.put("strategy", attempt == null ? null : attempt.strategy());
        origin.put("seed", attempt == null ? null : attempt.seed());
        origin.put("run_seed", record.generation().seed());
        origin.put("temperature", record.generation().temperature());
        return origin;
    }

    /** The trace every row carries: run, model, mode, plus the exporter's own origin fields. */
    public static Map<String, Object> trace(ComplianceRecord record, Map<String, Object> fields) {
        Map<String, Object> trace = new LinkedHashMap<>();
        trace.put("run_id", record.runId());
        trace.put("task_id", record.taskId());
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("backend", record.model().backend());
        model.put("name", record.model().name());
        model.put("revision", record.model().revision());
        trace.put("model", model);
        trace.put("mode", record.mode());
        trace.putAll(fields);
        return trace;
    }
}
