package io.trace2train.engine.store;

import io.trace2train.engine.io.BadInputException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The OS lock that makes one process the owner of a run folder for the run's life: taken on {@code FOLDER/.lock}
 * before anything is written (a new folder too), released on close or, after a kill, by the OS. A second run or
 * resume of the folder, in another process or in this one, is refused instead of interleaving its records.
 */
public final class RunLock implements AutoCloseable {

    /** The lock file; empty, it only carries the lock. */
    public static final String FILE = ".lock";

    /**
     * Folders this JVM holds, by real path: checked before the file is opened at all, because closing a second
     * channel on a locked file can drop the process's POSIX lock on it.
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(Path key, FileChannel channel, FileLock lock) {
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the folder's lock, creating the folder if needed.
     *
     * @throws BadInputException when another run holds it
     */
    public static RunLock acquire(Path folder) throws IOException {
        Files.createDirectories(folder);
        RunLock lock = tryAcquire(folder);
        if (lock == null) {
            throw new BadInputException(folder + " is in use by another trace2train run (a run or resume of"
                    + " this folder is still going): wait for it to finish, or choose another folder");
        }
        return lock;
    }

    /** Whether a run holds the folder's lock now, i.e. its records are still being written. */
    public static boolean isHeld(Path folder) throws IOException {
        if (!Files.isRegularFile(folder.resolve(FILE))) {
            return false;
        }
        if (HELD.contains(folder.toRealPath())) {
            return true;
        }
        try (RunLock lock = tryAcquire(folder)) {
            return lock == null;
        }
    }

    /** The lock, or null where another process (or another owner in this JVM) holds it. */
    private static RunLock tryAcquire(Path folder) throws IOException {
        Path key = folder.toRealPath();
        if (!HELD.add(key)) {
            return null;
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(folder.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return new RunLock(key, channel, lock);
            }
        } catch (OverlappingFileLockException e) {
            // held through another path of this JVM: the same answer as another process's lock
        } catch (IOException | RuntimeException e) {
            HELD.remove(key);
            if (channel != null) {
                channel.close();
            }
            throw e;
        }
        HELD.remove(key);
        channel.close();
        return null;
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
            channel.close();
        } finally {
            HELD.remove(key);
        }
    }
}
