package io.trace2train.backends.langchain4j.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The episode file: append-only JSONL, one whole line per episode. One recorder owns a file (an OS lock held while it
 * is open, so a second recorder, in this process or another, is refused). A line torn by a kill is cut when the file is
 * opened again, and a write that fails halfway is cut back, so the file only ever holds whole lines.
 */
final class EpisodeLog implements AutoCloseable {

    private static final int SCAN_CHUNK = 8192;

    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;
    private final long cutBytes;
    private long end;

    private EpisodeLog(Path path, FileChannel channel, FileLock lock, long cutBytes, long end) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
        this.cutBytes = cutBytes;
        this.end = end;
    }

    static EpisodeLog open(Path path) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new IOException(path + ": another episode recorder is writing this file");
            }
            long size = channel.size();
            long whole = wholeLinesEnd(channel, size);
            if (whole < size) {
                channel.truncate(whole);
                channel.force(false);
            }
            return new EpisodeLog(path, channel, lock, size - whole, whole);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Where the last whole line ends: just after the last line break (0 when there is none). */
    private static long wholeLinesEnd(FileChannel channel, long size) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(SCAN_CHUNK);
        long position = size;
        while (position > 0) {
            int length = (int) Math.min(SCAN_CHUNK, position);
            position -= length;
            buffer.clear().limit(length);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, position + buffer.position()) < 0) {
                    throw new IOException("file shrank while being read");
                }
            }
            for (int i = length - 1; i >= 0; i--) {
                if (buffer.get(i) == '\n') {
                    return position + i + 1;
                }
            }
        }
        return 0;
    }

    /** Bytes of a torn last line cut when the file was opened (0 when it ended with a whole line). */
    long cutBytes() {
        return cutBytes;
    }

    /**
     * Appends whole lines in one write; on failure the file is cut back to its last whole line and the error is
     * thrown.
     */
    void append(List<String> lines) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append('\n');
        }
        ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes, end + bytes.position());
            }
        } catch (IOException e) {
            try {
                channel.truncate(end);
            } catch (IOException cut) {
                e.addSuppressed(cut);
            }
            throw new IOException(path + ": " + e.getMessage(), e);
        }
        end += bytes.limit();
    }

    /** Forces what was appended to the disk. */
    void force() throws IOException {
        channel.force(false);
    }

    Path path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        try (channel) {
            lock.release();
        }
    }
}
