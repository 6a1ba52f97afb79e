package io.trace2train.engine.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import io.trace2train.api.export.ExportRow;
import io.trace2train.api.export.Exporter;
import io.trace2train.api.export.ExporterFactory;
import io.trace2train.api.task.ChatMessage;
import io.trace2train.engine.io.AtomicFiles;
import io.trace2train.engine.io.Digests;
import io.trace2train.engine.record.JsonSchemas;
import io.trace2train.engine.record.RecordJson;
import io.trace2train.engine.store.RecordGroups;
import io.trace2train.engine.store.RunDirectory;
import io.trace2train.engine.store.RunManifest;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * Exports a run folder to one training file: streams {@code records.jsonl} task by task (so memory holds one task's
 * records, whatever the run's size), lets the exporter make rows, filters them, checks each against the format's
 * JSON Schema, and writes it with its trace (in the row, or line for line in {@code FILE.meta.jsonl}). Files are
 * written beside the target and renamed over it at the end: a failed or killed export leaves no half-written file.
 */
public final class ExportRun {

    /** The sidecar's suffix: {@code rows.jsonl} gets {@code rows.jsonl.meta.jsonl}. */
    public static final String SIDECAR_SUFFIX = ".meta.jsonl";

    private static final String SIDECAR_SCHEMA = "/io/trace2train/engine/export/trace-sidecar.schema.json";

    /**
     * What an export did.
     *
     * @param records records read
     * @param tasks tasks read
     * @param rows rows written
     * @param filtered rows the filters dropped (pass only, minimum reward, per-task cap)
     * @param duplicates rows dropped as duplicates
     * @param file the training file
     * @param sidecar the trace sidecar, or null where the rows carry their trace
     */
    public record Summary(long records, long tasks, long rows, long filtered, long duplicates, Path file,
            Path sidecar) {
    }

    private final ObjectMapper mapper = RecordJson.mapper();
    private final String format;
    private final String formatVersion;
    private final Exporter exporter;
    private final ExportFilters filters;
    private final JsonSchema rowSchema;
    private final JsonSchema sidecarSchema;
    private final LongHashSet seen = new LongHashSet();
    private final MessageDigest sha256;

    private long tasks;
    private long rows;
    private long filtered;
    private long duplicates;
    private List<ChatMessage> lastPrompt;
    private String lastPromptId;

    public ExportRun(ExporterFactory factory, Exporter exporter, ExportFilters filters) {
        this.format = factory.name();
        this.formatVersion = factory.version();
        this.exporter = exporter;
        this.filters = filters;
        this.rowSchema = JsonSchemas.load(exporter.getClass(), exporter.rowSchema());
        this.sidecarSchema = exporter.tracePlacement() == Exporter.TracePlacement.SIDECAR
                ? JsonSchemas.load(ExportRun.class, SIDECAR_SCHEMA) : null;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Exports the run in {@code runFolder} to {@code target}. */
    public Summary export(Path runFolder, Path target) throws IOException {
        RunManifest manifest = RunDirectory.readManifest(runFolder);
        int perTask = manifest.rollout() == null ? 1 : manifest.rollout().forks();
        Path records = runFolder.resolve(RunDirectory.RECORDS);
        Path sidecar = sidecarSchema == null ? null : target.resolveSibling(target.getFileName() + SIDECAR_SUFFIX);
        Path folder = target.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path rowsTemp = Files.createTempFile(folder, "." + target.getFileName(), ".tmp");
        Path sidecarTemp = sidecar == null ? null : Files.createTempFile(folder, "." + sidecar.getFileName(), ".tmp");
        long read;
        try {
            try (BufferedWriter out = Files.newBufferedWriter(rowsTemp, StandardCharsets.UTF_8);
                    BufferedWriter meta = sidecarTemp == null ? null
                            : Files.newBufferedWriter(sidecarTemp, StandardCharsets.UTF_8)) {
                read = RecordGroups.forEach(records, perTask, group -> {
                    tasks++;
                    int[] kept = new int[1];
                    exporter.export(group, row -> {
                        if (keep(row, kept[0])) {
                            kept[0]++;
                            write(row, out, meta);
                        }
                    });
                });
            }
            if (sidecarTemp != null) {
                AtomicFiles.publish(sidecarTemp, sidecar);
            }
            AtomicFiles.publish(rowsTemp, target);
        } finally {
            Files.deleteIfExists(rowsTemp);
            if (sidecarTemp != null) {
                Files.deleteIfExists(sidecarTemp);
            }
        }
        return new Summary(read, tasks, rows, filtered, duplicates, target, sidecar);
    }

    private boolean keep(ExportRow row, int keptForTask) {
        if ((filters.passOnly() && !row.passed()) || (filters.minReward() != null && row.reward() < filters.minReward())
                || (filters.maxPerTask() > 0 && keptForTask >= filters.maxPerTask())) {
            filtered++;
            return false;
        }
        if (filters.dedupe() && !seen.add(key(promptId(row.prompt()), row.completion()))) {
            duplicates++;
            return false;
        }
        return true;
    }

    private void write(ExportRow row, Writer out, Writer meta) {
        ObjectNode node = mapper.valueToTree(row.row());
        ObjectNode trace = mapper.createObjectNode();
        trace.put("format", format);
        trace.put("format_version", formatVersion);
        trace.put("task_id", row.taskId());
        trace.put("prompt_id", promptId(row.prompt()));
        trace.setAll((ObjectNode) mapper.valueToTree(row.trace()));
        if (meta == null) {
            node.set("metadata", trace);
        }
        check(rowSchema, node, row, "row");
        try {
            out.write(mapper.writeValueAsString(node));
            out.write('\n');
            if (meta != null) {
                ObjectNode line = mapper.createObjectNode();
                line.put("line", rows + 1);
                line.setAll(trace);
                check(sidecarSchema, line, row, "trace");
                meta.write(mapper.writeValueAsString(line));
                meta.write('\n');
            }
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the export", e);
        }
        rows++;
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
    private String promptId(List<ChatMessage> prompt) {
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

    /** 64 bits of SHA-256 over (prompt id, completion): collisions over a billion rows are vanishingly rare. */
    private long key(String promptId, String completion) {
        sha256.reset();
        sha256.update(promptId.getBytes(StandardCharsets.US_ASCII));
        sha256.update((byte) 0);
        sha256.update(completion.getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.wrap(sha256.digest()).getLong();
    }
}
