package io.trace2train.api.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesIT {

    @TempDir
    Path dir;

    @Test
    void aWrittenFileHasTheModeAnyNewFileGetsFromTheUmask() throws Exception {
        Path plain = Files.createFile(dir.resolve("plain.txt"));
        Path written = dir.resolve("written.jsonl");

        AtomicFiles.write(written, w -> w.write("{}\n"));

        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(written));
        assertTrue(Files.getPosixFilePermissions(written).contains(
                java.nio.file.attribute.PosixFilePermission.OWNER_READ));
        assertEquals("{}\n", Files.readString(written));
    }

    @Test
    void temporaryFilesOfEndedProcessesAreRemovedByTheNextWriteOfTheirTarget() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        assertTrue(ended.waitFor(30, TimeUnit.SECONDS));
        Path abandoned = Files.write(dir.resolve(".sft.jsonl." + ended.pid() + ".x1.tmp"), new byte[1 << 20]);
        Path live = Files.write(dir.resolve(".sft.jsonl." + ProcessHandle.current().pid() + ".x2.tmp"), new byte[8]);
        Path otherTarget = Files.write(dir.resolve(".dpo.jsonl." + ended.pid() + ".x3.tmp"), new byte[8]);

        AtomicFiles.write(dir.resolve("sft.jsonl"), w -> w.write("row\n"));

        assertFalse(Files.exists(abandoned), "left by an ended process");
        assertTrue(Files.exists(live), "a write in progress in a live process is left alone");
        assertTrue(Files.exists(otherTarget), "only the target's own temporary files are looked at");
        try (var files = Files.list(dir)) {
            assertEquals(3, files.count(), "the written file and the two others, no temporary file of this write");
        }
    }
}
