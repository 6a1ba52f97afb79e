package io.trace2train.engine.export;

import com.fasterxml.jackson.databind.JsonNode;
import io.trace2train.api.io.AtomicFiles;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * One split's data file (JSONL or Parquet) and, where the trace goes beside the rows, its JSONL sidecar whose line
 * N describes row N of this file. Both are written beside their targets and renamed into place by {@link #publish}.
 */
final class SplitFile implements Closeable {

    private final String split;
    private final Path file;
    private final @Nullable Path sidecar;
    private final @Nullable ParquetFile parquet;
    private final @Nullable Path jsonlTemp;
    private final @Nullable OutputStream jsonl;
    private final @Nullable Path sidecarTemp;
    private final @Nullable OutputStream meta;
    private long rows;
    private boolean published;

    /** @param parquet the Parquet rows, or null for a JSONL file */
    SplitFile(String split, Path file, @Nullable Path sidecar, @Nullable ParquetRows parquet) throws IOException {
        this.split = split;
        this.file = file;
        this.sidecar = sidecar;
        this.parquet = parquet == null ? null : new ParquetFile(parquet, file);
        this.jsonlTemp = parquet == null ? AtomicFiles.temporary(file) : null;
        this.jsonl = jsonlTemp == null ? null : new BufferedOutputStream(Files.newOutputStream(jsonlTemp), 1 << 16);
        this.sidecarTemp = sidecar == null ? null : AtomicFiles.temporary(sidecar);
        this.meta = sidecarTemp == null ? null : new BufferedOutputStream(Files.newOutputStream(sidecarTemp), 1 << 16);
    }

    String split() {
        return split;
    }

    Path file() {
        return file;
    }

    @Nullable Path sidecar() {
        return sidecar;
    }

    long rows() {
        return rows;
    }

    /**
     * Appends a row.
     *
     * @param line the row's JSON line, without the line break
     * @param row the same row parsed
     * @param trace the row's trace object's JSON where it goes in the sidecar, else null
     */
    void add(String line, JsonNode row, @Nullable String trace) {
        rows++;
        try {
            if (parquet != null) {
                parquet.write(row);
            } else {
                jsonl.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
            if (meta != null) {
                meta.write((RowMaker.sidecarLine(rows, trace) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Renames the files into place; returns the data file's size in bytes. */
    long publish() throws IOException {
        published = true;
        if (meta != null) {
            meta.close();
            AtomicFiles.publish(sidecarTemp, sidecar);
        }
        if (parquet != null) {
            return parquet.publish();
        }
        jsonl.close();
        long bytes = Files.size(jsonlTemp);
        AtomicFiles.publish(jsonlTemp, file);
        return bytes;
    }

    /** Leaves nothing of an unpublished file; deletes a published one's older version where this split is empty. */
    @Override
    public void close() throws IOException {
        if (!published) {
            if (jsonl != null) {
                jsonl.close();
            }
            if (meta != null) {
                meta.close();
            }
        }
        if (parquet != null) {
            parquet.close();
        }
        if (jsonlTemp != null) {
            Files.deleteIfExists(jsonlTemp);
        }
        if (sidecarTemp != null) {
            Files.deleteIfExists(sidecarTemp);
        }
    }

    /** Drops the split (no rows): nothing is published and an older export's files of it are deleted. */
    void discard() throws IOException {
        close();
        Files.deleteIfExists(file);
        if (sidecar != null) {
            Files.deleteIfExists(sidecar);
        }
    }
}
