package io.trace2train.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A job's output folder, written whole or not at all: every file goes to a staging folder beside it
 * ({@code .NAME.staging}), which gets a {@code _SUCCESS} marker and is then renamed into place in one step. A job
 * killed before the rename leaves only the staging folder, which the next run deletes and writes again, so a
 * killed-and-rerun job gives the same output as one that was never killed. (Spark's own committer renames part
 * files one by one: a reader could see half a dataset.)
 */
final class StagedOutput {

    static final String SUCCESS = "_SUCCESS";

    private final Path target;
    private final Path staging;

    private StagedOutput(Path target, Path staging) {
        this.target = target;
        this.staging = staging;
    }

    /**
     * Starts writing {@code target}: a stale staging folder of a killed run is deleted.
     *
     * @param overwrite whether a finished output already there may be replaced
     * @throws FileAlreadyExistsException when {@code target} exists and may not be replaced
     */
    static StagedOutput start(Path target, boolean overwrite) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        if (Files.exists(absolute) && !overwrite) {
            throw new FileAlreadyExistsException(absolute.toString(), null,
                    "the output exists: give --overwrite to replace it");
        }
        Path staging = absolute.resolveSibling("." + absolute.getFileName() + ".staging");
        delete(staging);
        Files.createDirectories(staging);
        return new StagedOutput(absolute, staging);
    }

    /** Where the job writes its files. */
    Path staging() {
        return staging;
    }

    /** Marks the staging folder complete and renames it into place (replacing an older output). */
    Path publish() throws IOException {
        Files.writeString(staging.resolve(SUCCESS), "");
        if (Files.exists(target)) {
            // the old output goes aside first, so that a crash between the two renames leaves one of them whole
            Path old = target.resolveSibling("." + target.getFileName() + ".old");
            delete(old);
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            move(staging, target);
            delete(old);
        } else {
            move(staging, target);
        }
        return target;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename " + from + " to " + to + " in one step: write the output on the"
                    + " file system of its staging folder", e);
        }
    }

    static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> all = Files.walk(folder)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
