package io.trace2train.engine.store;

import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.engine.record.RecordJson;
import io.trace2train.engine.record.RecordSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends records to {@code records.jsonl}, one line each, whole or not at all: the line is serialized first, written
 * with its newline in one call and forced to disk before the next, so a kill leaves at most one torn last line (which
 * {@link RunDirectory#resume} cuts off) and never loses a record that was reported written.
 */
public final class RecordSink implements AutoCloseable {

    private final FileChannel channel;

    RecordSink(Path file) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
    }

    /** Validates the record against its schema, then appends it durably. */
    public void append(ComplianceRecord record) {
        RecordSchema.check(record);
        write(record);
    }

    private synchronized void write(ComplianceRecord record) {
        ByteBuffer line = ByteBuffer.wrap((RecordJson.write(record) + "\n").getBytes(StandardCharsets.UTF_8));
        try {
            while (line.hasRemaining()) {
                channel.write(line);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append record of task " + record.taskId(), e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}
