package io.trace2train.engine.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lines read in place and by copy, with where each starts: what an index reads again by position. */
class ByteLinesTest {

    @Test
    void eachLineStartsWhereTheFileHasItAcrossBufferRefills() throws Exception {
        // lines longer than the 1 MiB buffer and many short ones, CRLF and a last line without a newline
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        List<String> texts = new ArrayList<>();
        List<Long> starts = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            String text = i % 1000 == 7 ? "x".repeat(1_500_000) : "line " + i + " é".repeat(i % 50);
            starts.add((long) file.size());
            texts.add(text);
            file.writeBytes(text.getBytes(StandardCharsets.UTF_8));
            file.writeBytes(i % 3 == 0 ? "\r\n".getBytes(StandardCharsets.UTF_8) : new byte[] {'\n'});
        }
        starts.add((long) file.size());
        texts.add("last");
        file.writeBytes("last".getBytes(StandardCharsets.UTF_8));
        byte[] bytes = file.toByteArray();

        ByteLines inPlace = new ByteLines(new ByteArrayInputStream(bytes));
        ByteLines copied = new ByteLines(new ByteArrayInputStream(bytes));
        for (int i = 0; i < texts.size(); i++) {
            assertTrue(inPlace.advance(), "line " + i);
            byte[] expected = texts.get(i).getBytes(StandardCharsets.UTF_8);
            assertArrayEquals(expected, Arrays.copyOfRange(inPlace.array(), inPlace.offset(),
                    inPlace.offset() + inPlace.length()), "line " + i);
            assertEquals(starts.get(i), inPlace.lineStart(), "line " + i);
            assertArrayEquals(Arrays.copyOfRange(bytes, (int) (long) starts.get(i), (int) (long) starts.get(i)
                    + expected.length), expected, "the bytes at its start are the line");
            assertArrayEquals(expected, copied.next(), "line " + i);
            assertEquals(starts.get(i), copied.lineStart(), "line " + i);
        }
        assertFalse(inPlace.advance());
        assertNull(copied.next());
    }
}
