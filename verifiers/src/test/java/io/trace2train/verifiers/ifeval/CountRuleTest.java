package io.trace2train.verifiers.ifeval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trace2train.api.verify.Relation;
import java.util.List;
import org.junit.jupiter.api.Test;

class CountRuleTest {

    private static final Noun BULLETS = new Noun("bullet point", "bullet points", " ('* ' lines)");

    @Test
    void comparisons() {
        assertTrue(CountRule.exactly(3).holds(3));
        assertFalse(CountRule.exactly(3).holds(4));
        assertTrue(CountRule.of(Relation.AT_LEAST, 3).holds(3));
        assertFalse(CountRule.of(Relation.LESS_THAN, 3).holds(3));
        assertTrue(CountRule.of(Relation.LESS_THAN, 3).holds(2));
    }

    @Test
    void requiredTexts() {
        assertEquals("exactly 3", CountRule.exactly(3).describe());
        assertEquals("at least 3", CountRule.atLeast(3).describe());
        assertEquals("fewer than 3", CountRule.lessThan(3).describe());
        assertEquals("none", CountRule.lessThan(1).describe());
        assertEquals("none", CountRule.exactly(0).describe());
    }

    @Test
    void hints() {
        assertEquals("Use exactly 3 bullet points ('* ' lines); the response has 4: remove 1.",
                CountRule.exactly(3).hint(BULLETS, 4));
        assertEquals("Use exactly 1 bullet point ('* ' lines); the response has 0: add 1.",
                CountRule.exactly(1).hint(BULLETS, 0));
        assertEquals("Use fewer than 3 bullet points ('* ' lines); the response has 5: remove 3.",
                CountRule.lessThan(3).hint(BULLETS, 5));
        assertEquals("Use no bullet points ('* ' lines); the response has 2: remove 2.",
                CountRule.exactly(0).hint(BULLETS, 2));
    }

    @Test
    void blameWhenThereAreTooMany() {
        List<String> found = List.of("a", "b", "c", "d");
        assertEquals(List.of("c", "d"), CountRule.exactly(2).blame(found)); // the ones past the count
        assertEquals(found, CountRule.lessThan(2).blame(found)); // any of them may go
        assertEquals(List.of(), CountRule.atLeast(2).blame(found)); // never too many
    }
}
