package io.trace2train.engine.dedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShinglesTest {

    @Test
    void wordsIgnoreCaseWhiteSpacePunctuationAndFullWidthForms() {
        assertEquals(List.of("hello", "world", "don", "t", "42", "café"),
                Words.of("  HeLLo,\t\nworld!! don't ４２ CAFÉ"));
        assertEquals(List.of(), Words.of(" ... \n"));
        assertEquals("b c", Words.join(List.of("a", "b", "c"), 1, 3));
    }

    @Test
    void shinglesAreTheDistinctWordNgramsAndAShortTextIsOne() {
        List<String> words = Words.of("a b c a b c");
        // 3-grams: abc, bca, cab, abc: three distinct
        assertEquals(3, Shingles.of(words, 3, 0).length);
        assertEquals(1, Shingles.of(Words.of("two words"), 5, 0).length);
        assertEquals(0, Shingles.of(List.of(), 5, 0).length);
        // the same n-gram hashes alike wherever it stands, and a tag keeps two texts' shingles apart
        assertEquals(Shingles.hash(words, 0, 3, 0), Shingles.hash(words, 3, 6, 0));
        assertTrue(Shingles.hash(words, 0, 3, 1) != Shingles.hash(words, 0, 3, 2));
    }

    @Test
    void jaccardIsExactOnTheFeatureSets() {
        int[] a = Shingles.features(Shingles.of(Words.of("one two three four five six seven eight"), 3, 0));
        int[] b = Shingles.features(Shingles.of(Words.of("ONE two three four five six seven, NINE"), 3, 0));
        // 6 shingles each, the last one differs: 5 common of 7
        assertEquals(6, a.length);
        assertEquals(5.0 / 7, Shingles.jaccard(a, b), 1e-12);
        assertEquals(1.0, Shingles.jaccard(a, a));
        assertEquals(0.0, Shingles.jaccard(new int[0], new int[0]));
        assertArrayEquals(a, Shingles.features(Shingles.of(Words.of("one two three four five six seven eight"),
                3, 0)));
        for (int index : a) {
            assertTrue(index >= 0 && index < Shingles.DIMENSION);
        }
    }
}
