package io.trace2train.engine.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trace2train.api.export.Exporter;
import io.trace2train.api.export.ExporterFactory;
import io.trace2train.api.io.AtomicFiles;
import io.trace2train.engine.record.RecordJson;
import io.trace2train.engine.store.RunManifest;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * One export's files: the rows (and the trace sidecar) written beside the target and renamed over it once complete,
 * then the folder's dataset card. Whoever orders the rows (the streaming export, a cluster job's driver) writes them
 * here, so every path publishes the same files the same way. A failed or killed export leaves no half-written file.
 * With a validation split or as Parquet ({@link DatasetLayout}) each row is routed by its task to its split's file
 * ({@link SplitFile}); otherwise the rows go to the one JSONL file byte for byte as they come.
 */
public final class ExportTarget implements Closeable {

    private static final String WARNING = "warning: ";

    private final String format;
    private final String formatVersion;
    private final Exporter exporter;
    private final DatasetFeatures features;
    private final String featuresProblem;
    private final Path target;
    private final Path sidecar;
    private final DatasetLayout layout;
    private final Path rowsTemp;
    private final Path sidecarTemp;
    private final OutputStream out;
    private final OutputStream meta;
    /** The split files by split, where the layout routes rows (else empty). */
    private final Map<String, SplitFile> splits = new LinkedHashMap<>();
    private final ObjectMapper mapper = RecordJson.mapper();
    private boolean published;

    /** Opens the temporary files beside {@code target} (and its sidecar where the rows' trace goes there). */
    public ExportTarget(ExporterFactory factory, Exporter exporter, RowMaker rows, Path target) throws IOException {
        this(factory, exporter, rows, target, DatasetLayout.JSONL);
    }

    /**
     * Opens the temporary files of {@code layout}: beside the JSONL {@code target}, or in the dataset folder
     * {@code target} for Parquet.
     *
     * @throws IllegalArgumentException for Parquet where the row schema gives no column types
     */
    public ExportTarget(ExporterFactory factory, Exporter exporter, RowMaker rows, Path target, DatasetLayout layout)
            throws IOException {
        this.format = factory.name();
        this.formatVersion = factory.version();
        this.exporter = exporter;
        DatasetFeatures derived = null;
        String problem = null;
        try {
            derived = DatasetFeatures.of(rows.rowSchema().getSchemaNode());
        } catch (IllegalArgumentException e) {
            // a plugin's schema that leaves a type open: the export works, without a card
            problem = e.getMessage();
        }
        this.features = derived;
        this.featuresProblem = problem;
        this.target = target;
        this.layout = layout;
        this.sidecar = rows.sidecar() && !layout.parquet()
                ? target.resolveSibling(target.getFileName() + ExportRun.SIDECAR_SUFFIX) : null;
        if (layout.direct()) {
            this.rowsTemp = AtomicFiles.temporary(target);
            this.sidecarTemp = sidecar == null ? null : AtomicFiles.temporary(sidecar);
            this.out = new BufferedOutputStream(Files.newOutputStream(rowsTemp), 1 << 16);
            this.meta = sidecarTemp == null ? null
                    : new BufferedOutputStream(Files.newOutputStream(sidecarTemp), 1 << 16);
            return;
        }
        this.rowsTemp = null;
        this.sidecarTemp = null;
        this.out = null;
        this.meta = null;
        if (layout.parquet() && derived == null) {
            throw new IllegalArgumentException("no Parquet output: the row schema " + exporter.rowSchema()
                    + " gives no column types (" + problem + "); use --output-format jsonl");
        }
        ParquetRows parquet = layout.parquet() ? new ParquetRows(derived) : null;
        List<String> names = layout.split().splits() ? List.of(DatasetSplit.TRAIN, DatasetSplit.VALIDATION)
                : List.of(DatasetSplit.TRAIN);
        try {
            for (String split : names) {
                Path file = file(split);
                splits.put(split, new SplitFile(split, file, rows.sidecar()
                        ? file.resolveSibling(file.getFileName() + ExportRun.SIDECAR_SUFFIX) : null, parquet));
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * A split's data file: for Parquet {@code data/SPLIT-00000-of-00001.parquet} in the dataset folder (the Hub's
     * layout); for JSONL the target itself for {@code train} and {@code NAME.validation.jsonl} beside it.
     */
    private Path file(String split) {
        if (layout.parquet()) {
            return target.resolve("data").resolve(split + "-00000-of-00001.parquet");
        }
        if (DatasetSplit.TRAIN.equals(split)) {
            return target;
        }
        String name = target.getFileName().toString();
        String stem = name.endsWith(".jsonl") ? name.substring(0, name.length() - ".jsonl".length()) : name;
        return target.resolveSibling(stem + "." + split + ".jsonl");
    }

    /** The sidecar, or null where the rows carry their trace. */
    public Path sidecar() {
        return sidecar;
    }

    /** The row columns' declared types, or empty where the row schema gives none. */
    public Optional<DatasetFeatures> features() {
        return Optional.ofNullable(features);
    }

    /** Appends serialized rows (each line ending in a line break) and, where there is one, their sidecar lines. */
    public void write(byte[] rowLines, byte[] sidecarLines) {
        if (!layout.direct()) {
            String[] rowText = new String(rowLines, StandardCharsets.UTF_8).split("\n");
            String[] traceText = sidecarLines == null ? null
                    : new String(sidecarLines, StandardCharsets.UTF_8).split("\n");
            for (int i = 0; i < rowText.length; i++) {
                if (!rowText[i].isEmpty()) {
                    route(rowText[i], traceText == null ? null : "{" + traceText[i].substring(
                            traceText[i].indexOf(',') + 1));
                }
            }
            return;
        }
        try {
            out.write(rowLines);
            if (meta != null) {
                meta.write(sidecarLines);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the export: " + e.getMessage(), e);
        }
    }

    /** Appends one row, line {@code line} of the file. */
    public void write(long line, RowMaker.Serialized row) {
        if (!layout.direct()) {
            route(row.row(), row.trace());
            return;
        }
        write((row.row() + "\n").getBytes(StandardCharsets.UTF_8), meta == null ? null
                : (RowMaker.sidecarLine(line, row.trace()) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Sends a row to its task's split: the task is the trace's {@code task_id}, inline or beside the row. */
    private void route(String line, String trace) {
        try {
            JsonNode row = mapper.readTree(line);
            JsonNode traceNode = trace == null ? row.path("metadata") : mapper.readTree(trace);
            String task = traceNode.path("task_id").asText();
            splits.get(layout.split().of(task)).add(line, row, trace);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot route a row of " + target + ": " + e.getMessage(), e);
        }
    }

    /** Adds what the exporter that made some of the rows counted for its report (see {@link Exporter#takeTally}). */
    public void addTally(io.trace2train.api.export.ExportTally tally) {
        exporter.addTally(tally);
    }

    /**
     * Renames the files into place, then declares the file in the folder's card.
     *
     * @param report the export's report so far (warnings first); the exporter's lines and the card's warnings are
     *     added
     * @return the card, or null where none could be written
     */
    public Path publish(List<RunManifest> manifests, long rows, long passed, SortedMap<String, Long> unusable,
            List<String> report) throws IOException {
        if (!layout.direct()) {
            return publishSplits(manifests, rows, passed, unusable, report);
        }
        out.close();
        if (meta != null) {
            meta.close();
            AtomicFiles.publish(sidecarTemp, sidecar);
        }
        AtomicFiles.publish(rowsTemp, target);
        published = true;
        report.addAll(exporter.report(rows, passed));
        return writeCard(manifests, rows, unusable, report);
    }

    private Path publishSplits(List<RunManifest> manifests, long rows, long passed, SortedMap<String, Long> unusable,
            List<String> report) throws IOException {
        List<DatasetCard.SplitFile> written = new ArrayList<>();
        for (SplitFile split : splits.values()) {
            if (split.rows() == 0 && !DatasetSplit.TRAIN.equals(split.split())) {
                split.discard();
            } else {
                long bytes = split.publish();
                written.add(new DatasetCard.SplitFile(split.split(), split.file(), split.rows(), bytes));
            }
        }
        published = true;
        report.addAll(exporter.report(rows, passed));
        String section = section(manifests, rows, unusable);
        if (layout.parquet()) {
            return DatasetCard.writeHub(target, features, written, section, InputLicenses.of(manifests));
        }
        return writeCard(manifests, rows, unusable, report, written);
    }

    @Override
    public void close() throws IOException {
        for (SplitFile split : splits.values()) {
            split.close();
        }
        if (out == null) {
            return;
        }
        if (!published) {
            out.close();
            if (meta != null) {
                meta.close();
            }
        }
        Files.deleteIfExists(rowsTemp);
        if (sidecarTemp != null) {
            Files.deleteIfExists(sidecarTemp);
        }
    }

    /**
     * Declares the file in its folder's dataset card, after the file is published: a card names only files that
     * exist. Where no card can be written the export still stands, with a warning saying why.
     */
    private Path writeCard(List<RunManifest> manifests, long rows, SortedMap<String, Long> unusable,
            List<String> report) {
        return writeCard(manifests, rows, unusable, report, List.of());
    }

    /** @param splits the split files where the rows were split, else empty (the target is the one file) */
    private Path writeCard(List<RunManifest> manifests, long rows, SortedMap<String, Long> unusable,
            List<String> report, List<DatasetCard.SplitFile> splits) {
        if (features == null) {
            report.add(WARNING + "no dataset card: the row schema " + exporter.rowSchema() + " gives no column types ("
                    + featuresProblem + ")");
            return null;
        }
        String section = section(manifests, rows, unusable);
        Optional<Path> card;
        try {
            card = DatasetCard.update(target, features, section, splits);
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

    /** The card's text about the export: its rows, format, runs, what was skipped, where the trace is. */
    private String section(List<RunManifest> manifests, long rows, SortedMap<String, Long> unusable) {
        StringBuilder section = new StringBuilder();
        // a Parquet dataset's card never names its folder: the folder may be renamed (a cluster job writes it
        // under a staging name) or uploaded, and the card must stay the same
        section.append("## ").append(layout.parquet() ? "default" : DatasetCard.configName(target))
                .append("\n\n`").append(layout.parquet() ? "data/" : target.getFileName())
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
        } else if (layout.parquet() && !splits.isEmpty() && splits.values().iterator().next().sidecar() != null) {
            section.append(" Each row's trace is line N of its data file's `").append(ExportRun.SIDECAR_SUFFIX)
                    .append("` sidecar.");
        }
        if (layout.split().splits()) {
            section.append(" Tasks split by SHA-256 of the seed and task id: validation share ")
                    .append(layout.split().validationShare()).append(", seed ").append(layout.split().seed())
                    .append(" (a task's rows are all in one split).");
        }
        if (layout.parquet()) {
            section.append("\n\nRuns:\n\n");
            manifests.forEach(m -> section.append("- `").append(m.runId()).append("`: ").append(m.mode())
                    .append(", backend `").append(m.backend()).append("` ").append(m.backendOptions())
                    .append(", seed ").append(m.generation().seed()).append(", temperature ")
                    .append(m.generation().temperature()).append(", engine ").append(m.engineVersion())
                    .append(", tasks `").append(m.tasksFile()).append("` (SHA-256 ").append(m.tasksSha256())
                    .append(")\n"));
        }
        return section.append('\n').toString();
    }

    /** The report's lines as warnings. */
    static List<String> warnings(List<String> lines) {
        List<String> report = new ArrayList<>();
        lines.forEach(w -> report.add(WARNING + w));
        return report;
    }
}
