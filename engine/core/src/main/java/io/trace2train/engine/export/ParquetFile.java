package io.trace2train.engine.export;

import com.fasterxml.jackson.databind.JsonNode;
import io.trace2train.api.io.AtomicFiles;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;

/**
 * One Parquet file of an export, written beside its target and renamed over it once closed: a failed or killed
 * export leaves no half-written file. Written with Parquet's own configuration and {@link ParquetGzip}, so no Hadoop
 * class is loaded.
 */
final class ParquetFile implements Closeable {

    private final ParquetRows rows;
    private final Path target;
    private final Path temporary;
    private final ParquetWriter<Group> writer;
    private long count;
    private boolean closed;

    ParquetFile(ParquetRows rows, Path target) throws IOException {
        this.rows = rows;
        this.target = target;
        this.temporary = AtomicFiles.temporary(target);
        this.writer = ExampleParquetWriter.builder(new LocalOutputFile(temporary))
                .withConf(new PlainParquetConfiguration()).withType(rows.schema())
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE).withCodecFactory(new ParquetGzip())
                .withCompressionCodec(CompressionCodecName.GZIP).build();
    }

    void write(JsonNode row) {
        try {
            writer.write(rows.group(row));
            count++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    long rows() {
        return count;
    }

    Path target() {
        return target;
    }

    /** Completes the file and renames it into place; returns its size in bytes. */
    long publish() throws IOException {
        closed = true;
        writer.close();
        long bytes = Files.size(temporary);
        AtomicFiles.publish(temporary, target);
        return bytes;
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            writer.close();
        }
        Files.deleteIfExists(temporary);
    }
}
