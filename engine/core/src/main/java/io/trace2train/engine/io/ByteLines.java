package io.trace2train.engine.io;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Reads a file's lines as UTF-8 bytes, without decoding them: a JSON parser reads bytes faster than characters, and
 * the decoding happens once, in the parser. A last line without a newline is still a line.
 */
public final class ByteLines {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long NEWLINES = ONES * '\n';

    private final InputStream in;
    private byte[] buffer = new byte[1 << 20];
    private int start;
    private int scanned;
    private int end;
    private boolean eof;
    /** Bytes of the stream before {@code buffer[0]}. */
    private long dropped;
    private long lineStart;

    public ByteLines(InputStream in) {
        this.in = in;
    }

    private int lineOffset;
    private int lineLength;

    /** The next line without its {@code \n} (and {@code \r}), or null at the end. */
    public byte[] next() throws IOException {
        return advance() ? Arrays.copyOfRange(buffer, lineOffset, lineOffset + lineLength) : null;
    }

    /**
     * Moves to the next line without copying it: it is {@link #length} bytes of {@link #array} from {@link #offset},
     * until the next call.
     *
     * @return false at the end
     */
    public boolean advance() throws IOException {
        while (true) {
            int i = newline(scanned);
            if (i >= 0) {
                lineStart = dropped + start;
                lineOffset = start;
                lineLength = (i > start && buffer[i - 1] == '\r' ? i - 1 : i) - start;
                start = i + 1;
                scanned = start;
                return true;
            }
            scanned = end;
            if (eof) {
                if (start == end) {
                    return false;
                }
                lineStart = dropped + start;
                lineOffset = start;
                lineLength = end - start;
                start = end;
                return true;
            }
            fill();
        }
    }

    /** The buffer holding the current line ({@link #advance}). */
    public byte[] array() {
        return buffer;
    }

    /** Where the current line starts in {@link #array}. */
    public int offset() {
        return lineOffset;
    }

    /** The current line's length in bytes, without its line break. */
    public int length() {
        return lineLength;
    }

    /** Where the line {@link #next} returned last starts in the stream, in bytes: a reader reads it again there. */
    public long lineStart() {
        return lineStart;
    }

    /** The index of the first newline at or after {@code from}, or -1; eight bytes at a time (lines are long). */
    private int newline(int from) {
        int i = from;
        for (; i + 8 <= end; i += 8) {
            long word = (long) LONGS.get(buffer, i) ^ NEWLINES;
            long found = (word - ONES) & ~word & HIGHS;
            if (found != 0) {
                return i + Long.numberOfTrailingZeros(found) / 8;
            }
        }
        for (; i < end; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            scanned -= start;
            dropped += start;
            start = 0;
        }
        if (end == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        int read = in.read(buffer, end, buffer.length - end);
        if (read < 0) {
            eof = true;
        } else {
            end += read;
        }
    }
}
