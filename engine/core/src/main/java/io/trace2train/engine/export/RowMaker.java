package io.trace2train.engine.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.hash.HashFunction;
import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import com.networknt.schema.JsonSchema;
import io.trace2train.api.export.ExportRow;
import io.trace2train.api.export.Exporter;
import io.trace2train.api.export.ExporterFactory;
import io.trace2train.api.export.TrainingTexts;
import io.trace2train.api.task.ChatMessage;
import io.trace2train.engine.io.Digests;
import io.trace2train.engine.record.JsonSchemas;
import io.trace2train.engine.record.RecordJson;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What every export path does to one row, whoever streams the records: screens it (unusable, pass only, minimum
 * reward), keys it for de-duplication, checks it against its format's schema and serializes it with its trace. One
 * instance per thread: it remembers the last prompt's id.
 */
public final class RowMaker {

    private static final String SIDECAR_SCHEMA = "/io/trace2train/engine/export/trace-sidecar.schema.json";
    private static final HashFunction MURMUR = Hashing.murmur3_128();

    private final ObjectMapper mapper = RecordJson.mapper();
    private final String format;
    private final String formatVersion;
    private final Exporter exporter;
    private final ExportFilters filters;
    private final JsonSchema rowSchema;
    private final JsonSchema sidecarSchema;
    private List<ChatMessage> lastPrompt;
    private String lastPromptId;

    /** A row serialized: its line (without the line break), and its trace object where the trace goes beside it. */
    public record Serialized(String row, String trace) {
    }

    public RowMaker(ExporterFactory factory, Exporter exporter, ExportFilters filters) {
        this.format = factory.name();
        this.formatVersion = factory.version();
        this.exporter = exporter;
        this.filters = filters;
        this.rowSchema = JsonSchemas.load(exporter.getClass(), exporter.rowSchema());
        this.sidecarSchema = exporter.tracePlacement() == Exporter.TracePlacement.SIDECAR
                ? JsonSchemas.load(RowMaker.class, SIDECAR_SCHEMA) : null;
    }

    private RowMaker(RowMaker other) {
        this.format = other.format;
        this.formatVersion = other.formatVersion;
        this.exporter = other.exporter;
        this.filters = other.filters;
        this.rowSchema = other.rowSchema;
        this.sidecarSchema = other.sidecarSchema;
    }

    /** A maker for another thread, sharing the loaded schemas (their checks are thread-safe). */
    public RowMaker forAnotherThread() {
        return new RowMaker(this);
    }

    ExportFilters filters() {
        return filters;
    }

    JsonSchema rowSchema() {
        return rowSchema;
    }

    /** Whether the trace goes in a sidecar file, line for line. */
    public boolean sidecar() {
        return sidecarSchema != null;
    }

    /** Why a row can train nothing, if it cannot (see {@link TrainingTexts}); such rows go before any filter. */
    public Optional<String> unusable(ExportRow row) {
        return TrainingTexts.problem(row.prompt(), row.completions());
    }

    /** Whether the pass-only or minimum-reward filter drops the row (the per-task cap is the selection's). */
    public boolean filtered(ExportRow row) {
        return (filters.passOnly() && !row.passed()) || (filters.minReward() != null
                && row.reward() < filters.minReward());
    }

    /** The row's de-duplication key (see {@link #key(String, List)}). */
    public long key(ExportRow row) {
        return key(promptId(row.prompt()), row.completions());
    }

    /**
     * The row and its trace checked against their schemas and serialized. A sidecar line's number is known only once
     * the row's place is: {@link #sidecarLine} adds it.
     */
    public Serialized serialize(ExportRow row) {
        ObjectNode node = JsonTrees.object(row.row());
        ObjectNode trace = JsonNodeFactory.instance.objectNode();
        trace.put("format", format);
        trace.put("format_version", formatVersion);
        trace.put("task_id", row.taskId());
        trace.put("prompt_id", promptId(row.prompt()));
        trace.setAll(JsonTrees.object(row.trace()));
        if (sidecarSchema == null) {
            node.set("metadata", trace);
        }
        check(rowSchema, node, row, "row");
        try {
            if (sidecarSchema == null) {
                return new Serialized(mapper.writeValueAsString(node), null);
            }
            ObjectNode line = JsonNodeFactory.instance.objectNode();
            line.put("line", 1);
            line.setAll(trace);
            check(sidecarSchema, line, row, "trace");
            return new Serialized(mapper.writeValueAsString(node), mapper.writeValueAsString(trace));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Line {@code line} of the sidecar: {@code {"line":N,} then the trace's fields, as the trace schema reads it. */
    public static String sidecarLine(long line, String trace) {
        return "{\"line\":" + line + "," + trace.substring(1);
    }

    /** A row that breaks its format's schema is the exporter's bug: stop before the file is published. */
    private void check(JsonSchema schema, JsonNode node, ExportRow row, String what) {
        List<String> problems = new ArrayList<>();
        schema.validate(node).forEach(m -> problems.add(m.getMessage()));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("exporter " + format + " made a " + what + " for task " + row.taskId()
                    + " that breaks its schema " + exporter.rowSchema() + ": " + problems
                    + "; nothing was written (report this to the exporter's authors)");
        }
    }

    /** SHA-256 of the prompt's JSON ({@code [{"role","content"}, ...]}), the same for the same conversation. */
    public String promptId(List<ChatMessage> prompt) {
        if (!prompt.equals(lastPrompt)) {
            try {
                lastPromptId = Digests.sha256(mapper.writeValueAsBytes(prompt));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
            lastPrompt = prompt;
        }
        return lastPromptId;
    }

    /**
     * 64 bits of MurmurHash3 over (prompt id, completions without invisible characters at their ends, so that a text
     * and the same text with a trailing newline are one row, not two that may even carry opposite labels): a
     * duplicate is dropped only when both match, and two different rows share a key with a chance of about 1 in 30
     * million over a million rows.
     */
    static long key(String promptId, List<String> completions) {
        Hasher hasher = MURMUR.newHasher().putUnencodedChars(promptId);
        for (String completion : completions) {
            hasher.putChar('\u0000').putUnencodedChars(TrainingTexts.trim(completion));
        }
        return hasher.hash().asLong();
    }
}
