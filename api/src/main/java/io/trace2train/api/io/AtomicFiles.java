package io.trace2train.api.io;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file whole or not at all: into a temporary sibling, then renamed over the target. The temporary file is
 * created as any new file is (its mode from the umask, not 0600), so what is renamed into place is readable by whom
 * the user's other files are; its name carries this process's id, so one left by a killed process is recognised and
 * removed by the next write of the same target.
 */
public final class AtomicFiles {

    /** Writes the content of a file. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Writer writer) throws IOException;
    }

    private static final long PID = ProcessHandle.current().pid();
    private static final String SUFFIX = ".tmp";

    private AtomicFiles() {
    }

    public static void write(Path target, Content content) throws IOException {
        Path temporary = temporary(target);
        try {
            try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                content.writeTo(writer);
            }
            publish(temporary, target);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * A new, empty temporary sibling of {@code target} ({@code .NAME.PID.RANDOM.tmp}), to be {@link #publish}ed over
     * it or deleted; first removes those that processes no longer running left behind.
     */
    public static Path temporary(Path target) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        String prefix = "." + target.getFileName() + ".";
        removeAbandoned(folder, prefix);
        while (true) {
            Path temporary = folder.resolve(prefix + PID + "." + Long.toUnsignedString(
                    ThreadLocalRandom.current().nextLong(), 36) + SUFFIX);
            try {
                return Files.createFile(temporary);
            } catch (FileAlreadyExistsException e) {
                // another name
            }
        }
    }

    /** Deletes the temporary files of {@code prefix} whose process has ended (killed while writing). */
    private static void removeAbandoned(Path folder, String prefix) throws IOException {
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(folder,
                p -> p.getFileName().toString().startsWith(prefix) && p.getFileName().toString().endsWith(SUFFIX))) {
            for (Path sibling : siblings) {
                String rest = sibling.getFileName().toString().substring(prefix.length());
                int dot = rest.indexOf('.');
                long pid = dot > 0 ? parsePid(rest.substring(0, dot)) : -1;
                if (pid > 0 && pid != PID && ProcessHandle.of(pid).isEmpty()) {
                    Files.deleteIfExists(sibling);
                }
            }
        }
    }

    private static long parsePid(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Renames a finished temporary file over its target, atomically where the file system can. */
    public static void publish(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
