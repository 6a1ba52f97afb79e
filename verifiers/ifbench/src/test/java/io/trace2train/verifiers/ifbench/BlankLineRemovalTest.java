package io.trace2train.verifiers.ifbench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.trace2train.api.text.PythonText;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** format:line_indent's one-pass blank-line removal equals the reference's remove-while-iterating loop. */
class BlankLineRemovalTest {

    /** The reference's loop as written: an index walk over a list that remove() shifts. */
    private static List<String> asWritten(List<String> original) {
        List<String> lines = new ArrayList<>(original);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (PythonText.isBlank(line)) {
                lines.remove(line);
            }
        }
        return lines;
    }

    @Test
    void equalsTheLoopOnRandomLines() {
        Random random = new Random(7);
        List<String> kinds = List.of("", " ", "\t", "a", " b", "  c");
        for (int round = 0; round < 5_000; round++) {
            List<String> lines = new ArrayList<>();
            int n = random.nextInt(12);
            for (int i = 0; i < n; i++) {
                lines.add(kinds.get(random.nextInt(kinds.size())));
            }
            assertEquals(asWritten(lines), FormatChecks.withoutBlankLinesAsReference(lines), lines.toString());
        }
    }

    @Test
    void manyBlankLinesAreOnePass() {
        List<String> lines = new ArrayList<>(Collections.nCopies(300_000, ""));
        lines.add(0, "x");
        assertEquals(150_001, FormatChecks.withoutBlankLinesAsReference(lines).size());
    }
}
