package io.trace2train.engine.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.trace2train.api.io.AtomicFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PythonJsonTest {

    @Test
    void escapesLikePythonJsonDumps() {
        // python3 -c 'import json; print(json.dumps("a\"b\\\\c\n\té\x7f\x01😀"))'
        String python = "\"a\\\"b\\\\c\\n\\t\\u00e9\\u007f\\u0001\\ud83d\\ude00\"";
        assertEquals(python, PythonJson.string(new StringBuilder(), "a\"b\\c\n\té\u007f\u0001😀").toString());
        assertEquals("[true, false]", PythonJson.booleanList(new StringBuilder(), List.of(true, false)).toString());
        assertEquals("[\"x\", \"y\"]", PythonJson.stringList(new StringBuilder(), List.of("x", "y")).toString());
    }

    @Test
    void atomicWritesLeaveNoTemporaryFileBehind(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("out/file.jsonl");
        AtomicFiles.write(target, w -> w.write("one\n"));
        AtomicFiles.write(target, w -> w.write("two\n"));
        assertEquals("two\n", Files.readString(target));
        try (var files = Files.list(target.getParent())) {
            assertEquals(List.of(target), files.toList());
        }
    }

    @Test
    void aFailedWriteKeepsTheOldFile(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("file.jsonl");
        AtomicFiles.write(target, w -> w.write("kept\n"));
        try {
            AtomicFiles.write(target, w -> {
                w.write("half");
                throw new java.io.IOException("disk full");
            });
        } catch (java.io.IOException expected) {
            // the point of the test is what is left on disk
        }
        assertEquals("kept\n", Files.readString(target));
        try (var files = Files.list(dir)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")));
        }
    }
}
