package io.trace2train.engine.export;

import io.trace2train.api.export.Exporter;
import io.trace2train.api.export.ExporterFactory;
import io.trace2train.api.io.AtomicFiles;
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
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * One export's files: the rows (and the trace sidecar) written beside the target and renamed over it once complete,
 * then the folder's dataset card. Whoever orders the rows (the streaming export, a cluster job's driver) writes them
 * here, so every path publishes the same files the same way. A failed or killed export leaves no half-written file.
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
    private final Path rowsTemp;
    private final Path sidecarTemp;
    private final OutputStream out;
    private final OutputStream meta;
    private boolean published;

    /** Opens the temporary files beside {@code target} (and its sidecar where the rows' trace goes there). */
    public ExportTarget(ExporterFactory factory, Exporter exporter, RowMaker rows, Path target) throws IOException {
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
        this.sidecar = rows.sidecar() ? target.resolveSibling(target.getFileName() + ExportRun.SIDECAR_SUFFIX) : null;
        this.rowsTemp = AtomicFiles.temporary(target);
        this.sidecarTemp = sidecar == null ? null : AtomicFiles.temporary(sidecar);
        this.out = new BufferedOutputStream(Files.newOutputStream(rowsTemp), 1 << 16);
        this.meta = sidecarTemp == null ? null : new BufferedOutputStream(Files.newOutputStream(sidecarTemp), 1 << 16);
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
        write((row.row() + "\n").getBytes(StandardCharsets.UTF_8), meta == null ? null
                : (RowMaker.sidecarLine(line, row.trace()) + "\n").getBytes(StandardCharsets.UTF_8));
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

    @Override
    public void close() throws IOException {
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

    /** The report's lines as warnings. */
    static List<String> warnings(List<String> lines) {
        List<String> report = new ArrayList<>();
        lines.forEach(w -> report.add(WARNING + w));
        return report;
    }
}
