package io.trace2train.engine.store;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.api.record.ErrorKind;
import io.trace2train.api.record.RunError;
import io.trace2train.engine.io.StrictJson;
import io.trace2train.engine.record.RecordJson;
import io.trace2train.engine.record.RecordSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;

/**
 * Appends records to {@code records.jsonl}, one line each, whole or not at all: the line is serialized first, written
 * with its newline in one call and forced to disk before the next, so a kill leaves at most one torn last line (which
 * {@link RunDirectory#resume} cuts off) and never loses a record that was reported written. A record the readers
 * could not read back (a string over {@link StrictJson#MAX_STRING_CHARS}) is written as an error of its unit instead.
 * A failed write (a full disk) is cut back to the last whole line and fails every later append too: the run stops.
 */
public final class RecordSink implements AutoCloseable {

    /** The file could not be written: the run must stop (its folder stays resumable). */
    public static final class WriteFailedException extends UncheckedIOException {

        WriteFailedException(String message, IOException cause) {
            super(message, cause);
        }
    }

    private final Path file;
    private final FileChannel channel;
    private WriteFailedException failure;

    RecordSink(Path file) throws IOException {
        this(file, FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND));
    }

    /** Over a channel already open for appending to {@code file} (tests inject failing ones). */
    RecordSink(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /**
     * Validates the record against its schema, then appends it durably.
     *
     * @throws WriteFailedException when the file cannot be written, now or earlier
     */
    public void append(ComplianceRecord record) {
        RecordSchema.check(record);
        String line = RecordJson.write(record);
        if (!readable(line)) {
            ComplianceRecord error = tooLarge(record, line.length());
            RecordSchema.check(error);
            line = RecordJson.write(error);
        }
        write(record.taskId(), line);
    }

    private synchronized void write(String taskId, String json) {
        if (failure != null) {
            throw failure;
        }
        ByteBuffer line = ByteBuffer.wrap((json + "\n").getBytes(StandardCharsets.UTF_8));
        long size = -1;
        try {
            size = channel.size();
            while (line.hasRemaining()) {
                channel.write(line);
            }
            channel.force(false);
        } catch (IOException e) {
            failure = new WriteFailedException("cannot append the record of task " + taskId + " to " + file + ": "
                    + e.getMessage() + "; the run stopped, every finished record is kept: free space and resume the"
                    + " run in " + file.getParent(), e);
            cutBack(size);
            throw failure;
        }
    }

    /** Drops a partly written line (truncating needs no space), so the file ends with a whole record. */
    private void cutBack(long size) {
        if (size < 0) {
            return;
        }
        try {
            channel.truncate(size);
            channel.force(false);
        } catch (IOException e) {
            failure.addSuppressed(e); // resume cuts the torn line instead
        }
    }

    /**
     * Whether every string in the line is within the readers' limit: surely so when the whole line is; otherwise the
     * readers' own parser decides.
     */
    static boolean readable(String line) {
        if (line.length() <= StrictJson.MAX_STRING_CHARS) {
            return true;
        }
        try {
            RecordJson.mapper().readTree(line);
            return true;
        } catch (StreamConstraintsException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("a record written by this engine does not parse", e);
        }
    }

    /** The unit's record without its texts: an error that says why. */
    private static ComplianceRecord tooLarge(ComplianceRecord record, int chars) {
        RunError error = new RunError(ErrorKind.OUTPUT_TOO_LARGE.json(), String.format(Locale.ROOT,
                "the record holds a text longer than %,d characters, the most a record may hold (%,d characters of"
                        + " JSON); its attempts and output are not kept", StrictJson.MAX_STRING_CHARS, chars),
                record.error() == null ? "record" : record.error().stage());
        return new ComplianceRecord(record.schemaVersion(), record.recordId(), record.runId(), record.taskId(),
                record.taskHash(), record.promptMessages(), record.model(), record.mode(), record.generation(),
                List.of(), record.initialViolations(), List.of(), "", false, record.roundsUsed(),
                record.tokens(), record.latencyMillis(), record.versions(), record.notes(), error, record.fork(), null, record.constraints());
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}
