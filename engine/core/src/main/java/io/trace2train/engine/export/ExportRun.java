package io.trace2train.engine.export;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
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
import io.trace2train.api.export.TaskRecords;
import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.api.task.ChatMessage;
import io.trace2train.api.io.AtomicFiles;
import io.trace2train.engine.io.Digests;
import io.trace2train.engine.io.LongHashSet;
import io.trace2train.engine.io.OrderedPipeline;
import io.trace2train.engine.record.JsonSchemas;
import io.trace2train.engine.record.RecordJson;
import io.trace2train.engine.rollout.RecordGroups;
import io.trace2train.engine.store.RunDirectory;
import io.trace2train.engine.store.RunLock;
import io.trace2train.engine.store.RunManifest;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

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
     * @param unusable rows skipped because a text can train nothing, by reason (see {@link TrainingTexts})
     * @param passed rows written whose (chosen) completion passes every hard constraint (KTO's desirable rows)
     * @param report the exporter's figures and warnings about the file (warnings start with "warning: ")
     * @param file the training file
     * @param sidecar the trace sidecar, or null where the rows carry their trace
     * @param card the folder's dataset card declaring the file's column types, or null where none could be written
     */
    public record Summary(long records, long tasks, long rows, long filtered, long duplicates,
            SortedMap<String, Long> unusable, long passed, List<String> report, Path file, Path sidecar, Path card) {

        public Summary {
            unusable = Collections.unmodifiableSortedMap(new TreeMap<>(unusable));
            report = List.copyOf(report);
            requireNonNull(file, "file");
        }

        /** Rows skipped as unusable, every reason together. */
        public long unusableRows() {
            return unusable.values().stream().mapToLong(Long::longValue).sum();
        }

        /** The report's warnings, without their "warning: " prefix. */
        public List<String> warnings() {
            return report.stream().filter(l -> l.startsWith(WARNING)).map(l -> l.substring(WARNING.length()))
                    .toList();
        }
    }

    private static final String WARNING = "warning: ";

    private final ObjectMapper mapper = RecordJson.mapper();
    private final String format;
    private final String formatVersion;
    private final Exporter exporter;
    private final ExportFilters filters;
    private final JsonSchema rowSchema;
    private final JsonSchema sidecarSchema;
    private final DatasetFeatures features;
    private final String featuresProblem;

    /** Rows per serialized batch; few batches in flight keep what the heap holds young (see RecordGroups). */
    private static final int BATCH = 128;
    private static final HashFunction MURMUR = Hashing.murmur3_128();

    // one export's state, set afresh by each export
    private LongHashSet seen;
    private long tasks;
    private long rows;
    private long filtered;
    private long duplicates;
    private long passed;
    private SortedMap<String, Long> unusable;
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
        DatasetFeatures derived = null;
        String problem = null;
        try {
            derived = DatasetFeatures.of(rowSchema.getSchemaNode());
        } catch (IllegalArgumentException e) {
            // a plugin's schema that leaves a type open: the export works, without a card
            problem = e.getMessage();
        }
        this.features = derived;
        this.featuresProblem = problem;
    }

    /** Exports the run in {@code runFolder} to {@code target}. */
    public Summary export(Path runFolder, Path target) throws IOException {
        return export(List.of(runFolder), target);
    }

    /** Exports runs, one after the other, to one file; de-duplication spans them all. */
    public Summary export(List<Path> runFolders, Path target) throws IOException {
        seen = new LongHashSet();
        tasks = rows = filtered = duplicates = passed = 0;
        unusable = new TreeMap<>();
        List<RunManifest> manifests = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Path runFolder : runFolders) {
            manifests.add(RunDirectory.readManifest(runFolder));
            if (RunLock.isHeld(runFolder)) {
                warnings.add(runFolder + " is still being written by a run: only the records finished so far are"
                        + " exported");
            }
        }
        Path sidecar = sidecarSchema == null ? null : target.resolveSibling(target.getFileName() + SIDECAR_SUFFIX);
        Path rowsTemp = AtomicFiles.temporary(target);
        Path sidecarTemp = sidecar == null ? null : AtomicFiles.temporary(sidecar);
        int threads = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(threads,
                Thread.ofPlatform().name("export-", 0).daemon().factory());
        long read = 0;
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(rowsTemp), 1 << 16);
                    OutputStream meta = sidecarTemp == null ? null
                            : new BufferedOutputStream(Files.newOutputStream(sidecarTemp), 1 << 16)) {
                // rows are made in order on this thread, then checked and serialized on the pool in batches
                OrderedPipeline<List<Prepared>, Chunk> serialize = new OrderedPipeline<>(pool, 2 * threads,
                        this::serialize, chunk -> write(chunk, out, meta));
                List<List<Prepared>> pending = new ArrayList<>(List.of(new ArrayList<>(BATCH)));
                for (int i = 0; i < runFolders.size(); i++) {
                    RunManifest manifest = manifests.get(i);
                    int perTask = manifest.rollout() == null ? 1 : manifest.rollout().forks();
                    int stopAfter = manifest.rollout() == null ? 0 : manifest.rollout().stopAfterPasses();
                    long[] incomplete = new long[1];
                    read += RecordGroups.forEach(runFolders.get(i).resolve(RunDirectory.RECORDS), perTask,
                            manifest.runId(), group -> {
                        tasks++;
                        if (!complete(group, perTask, stopAfter)) {
                            incomplete[0]++;
                        }
                        int[] kept = new int[1];
                        exporter.export(group, row -> {
                            if (keep(row, kept[0])) {
                                kept[0]++;
                                passed += row.passed() ? 1 : 0;
                                pending.getFirst().add(new Prepared(row, promptId(row.prompt()), ++rows));
                                if (pending.getFirst().size() == BATCH) {
                                    serialize.submit(pending.getFirst());
                                    pending.set(0, new ArrayList<>(BATCH));
                                }
                            }
                        });
                    });
                    if (incomplete[0] > 0) {
                        warnings.add(incomplete[0] + (incomplete[0] == 1 ? " task" : " tasks") + " of "
                                + runFolders.get(i) + " are incomplete (fewer than its " + perTask + " forks"
                                + " recorded): finish them with `rollouts --resume " + runFolders.get(i) + "`");
                    }
                }
                serialize.submit(pending.getFirst());
                serialize.drain();
            }
            if (sidecarTemp != null) {
                AtomicFiles.publish(sidecarTemp, sidecar);
            }
            AtomicFiles.publish(rowsTemp, target);
        } finally {
            pool.shutdownNow();
            Files.deleteIfExists(rowsTemp);
            if (sidecarTemp != null) {
                Files.deleteIfExists(sidecarTemp);
            }
        }
        List<String> report = new ArrayList<>(warnings.stream().map(w -> WARNING + w).toList());
        report.addAll(exporter.report(rows, passed));
        Path card = writeCard(target, sidecar, manifests, report);
        return new Summary(read, tasks, rows, filtered, duplicates, unusable, passed, report, target, sidecar, card);
    }

    /**
     * Declares the file in its folder's dataset card, after the file is published: a card names only files that
     * exist. Where no card can be written the export still stands, with a warning saying why.
     */
    private Path writeCard(Path target, Path sidecar, List<RunManifest> manifests, List<String> report) {
        if (features == null) {
            report.add(WARNING + "no dataset card: the row schema " + exporter.rowSchema() + " gives no column types ("
                    + featuresProblem + ")");
            return null;
        }
        StringBuilder section = new StringBuilder();
        section.append("## ").append(DatasetCard.configName(target)).append("\n\n`").append(target.getFileName())
                .append("`: ").append(rows).append(" rows of format `").append(format).append("` (version ")
                .append(formatVersion).append(", row schema `")
                .append(exporter.rowSchema().substring(exporter.rowSchema().lastIndexOf('/') + 1)).append("`) from ")
                .append(manifests.size() == 1 ? "run " : "runs ");
        section.append(String.join(", ", manifests.stream().map(m -> "`" + m.runId() + "` (" + m.mode()
                + (m.rollout() == null ? "" : ", " + m.rollout().forks() + " forks") + ")").toList())).append(".");
        if (!unusable.isEmpty()) {
            section.append(" Skipped as unusable: ").append(String.join(", ", unusable.entrySet().stream()
                    .map(e -> e.getValue() + " " + e.getKey()).toList())).append(".");
        }
        if (sidecar != null) {
            section.append(" Each row's trace is line N of `").append(sidecar.getFileName()).append("`.");
        }
        Optional<Path> card;
        try {
            card = DatasetCard.update(target, features, section.append('\n').toString());
        } catch (IOException e) {
            // e.g. a card whose YAML someone broke by hand: the published file stands
            report.add(WARNING + "the dataset card beside " + target + " could not be updated: " + e.getMessage());
            return null;
        }
        if (card.isEmpty()) {
            report.add(WARNING + target.toAbsolutePath().getParent().resolve(DatasetCard.FILE) + " is not a"
                    + " trace2train dataset card: left alone, so no card declares the column types of " + target);
        }
        return card.orElse(null);
    }

    /** A task has all its forks, or those it needed: an early stop skips the rest once enough passed. */
    private static boolean complete(TaskRecords group, int perTask, int stopAfterPasses) {
        return group.ranked().size() >= perTask || (stopAfterPasses > 0
                && group.ranked().stream().filter(ComplianceRecord::passed).count() >= stopAfterPasses);
    }

    /** A kept row with its prompt id and its 1-based line in the file. */
    private record Prepared(ExportRow row, String promptId, long line) {
    }

    /** Serialized rows, and their sidecar lines where the trace goes there. */
    private record Chunk(byte[] rows, byte[] sidecar) {
    }

    private boolean keep(ExportRow row, int keptForTask) {
        // unusable rows go first, so that they take no place under a per-task cap
        Optional<String> problem = TrainingTexts.problem(row.prompt(), row.completions());
        if (problem.isPresent()) {
            unusable.merge(problem.get(), 1L, Long::sum);
            return false;
        }
        if ((filters.passOnly() && !row.passed()) || (filters.minReward() != null && row.reward() < filters.minReward())
                || (filters.maxPerTask() > 0 && keptForTask >= filters.maxPerTask())) {
            filtered++;
            return false;
        }
        if (filters.dedupe() && !seen.add(key(promptId(row.prompt()), row.completions()))) {
            duplicates++;
            return false;
        }
        return true;
    }

    private Chunk serialize(List<Prepared> batch) {
        ByteArrayOutputStream rowBytes = new ByteArrayOutputStream(batch.size() * 2048);
        ByteArrayOutputStream metaBytes = sidecarSchema == null ? null : new ByteArrayOutputStream(batch.size() * 512);
        try (JsonGenerator rowsOut = mapper.createGenerator(rowBytes);
                JsonGenerator metaOut = metaBytes == null ? null : mapper.createGenerator(metaBytes)) {
            for (Prepared prepared : batch) {
                ExportRow row = prepared.row();
                ObjectNode node = JsonTrees.object(row.row());
                ObjectNode trace = JsonNodeFactory.instance.objectNode();
                trace.put("format", format);
                trace.put("format_version", formatVersion);
                trace.put("task_id", row.taskId());
                trace.put("prompt_id", prepared.promptId());
                trace.setAll(JsonTrees.object(row.trace()));
                if (metaOut == null) {
                    node.set("metadata", trace);
                }
                check(rowSchema, node, row, "row");
                mapper.writeTree(rowsOut, node);
                rowsOut.writeRaw('\n');
                if (metaOut != null) {
                    ObjectNode line = JsonNodeFactory.instance.objectNode();
                    line.put("line", prepared.line());
                    line.setAll(trace);
                    check(sidecarSchema, line, row, "trace");
                    mapper.writeTree(metaOut, line);
                    metaOut.writeRaw('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Chunk(rowBytes.toByteArray(), metaBytes == null ? null : metaBytes.toByteArray());
    }

    private static void write(Chunk chunk, OutputStream out, OutputStream meta) {
        try {
            out.write(chunk.rows());
            if (meta != null) {
                meta.write(chunk.sidecar());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the export: " + e.getMessage(), e);
        }
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

    /**
     * 64 bits of MurmurHash3 over (prompt id, completions without invisible characters at their ends, so that a text
     * and the same text with a trailing newline are one row, not two that may even carry opposite labels): a
     * duplicate is dropped only when both match, and two different rows share a key with a chance of about 1 in 30
     * million over a million rows.
     */
    private static long key(String promptId, List<String> completions) {
        Hasher hasher = MURMUR.newHasher().putUnencodedChars(promptId);
        for (String completion : completions) {
            hasher.putChar('\u0000').putUnencodedChars(TrainingTexts.trim(completion));
        }
        return hasher.hash().asLong();
    }
}
