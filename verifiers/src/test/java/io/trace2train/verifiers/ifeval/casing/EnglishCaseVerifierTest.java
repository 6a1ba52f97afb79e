package io.trace2train.verifiers.ifeval.casing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trace2train.api.param.VerifierArguments;
import io.trace2train.api.verify.Evidence;
import io.trace2train.api.verify.Verdict;
import io.trace2train.api.verify.Verifier;
import io.trace2train.api.verify.VerifierFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EnglishCaseVerifierTest {

    private static final Verifier CAPITAL = verifier("change_case:english_capital");
    private static final Verifier LOWERCASE = verifier("change_case:english_lowercase");

    private static Verifier verifier(String id) {
        VerifierFactory factory = CasingVerifiers.factories().stream()
                .filter(f -> f.id().equals(id))
                .findFirst()
                .orElseThrow();
        return factory.create(VerifierArguments.bind(id, factory.parameters(), Map.of()));
    }

    @Test
    void englishInCapitals() {
        // All caps leaves langdetect only word initials; Python langdetect says "en" here in 40 of 40 runs.
        Verdict verdict = CAPITAL.check("PLEASE WRITE BACK SOON, AND TELL ME WHAT A WONDERFUL WORLD THIS IS.");
        assertTrue(verdict.passed(), verdict::toString);
        assertEquals("all capital letters, language en", verdict.measured());
        assertEquals("English, capital letters only", verdict.required());
    }

    @Test
    void englishInLowercase() {
        assertTrue(LOWERCASE.check("the weather was lovely yesterday, so we walked along the river.").passed());
    }

    @Test
    void lowercaseLettersFailCapitalsWithEachRunAsEvidence() {
        String text = "HELLO there, FRIEND of mine.";
        Verdict verdict = CAPITAL.check(text);
        assertFalse(verdict.passed());
        assertEquals("11 lowercase letters", verdict.measured());
        assertEquals("Write the whole response in capital letters: 11 letters are lowercase.", verdict.hint());
        assertEquals(List.of(
                        new Evidence(6, 11, "lowercase letters"),
                        new Evidence(20, 27, "lowercase letters")),
                verdict.evidence());
    }

    @Test
    void oneCapitalLetterFailsLowercase() {
        Verdict verdict = LOWERCASE.check("hello World");
        assertEquals("1 capital letter", verdict.measured());
        assertEquals("Write the whole response in lowercase letters: 1 letter is capital.", verdict.hint());
        assertEquals(List.of(new Evidence(6, 7, "capital letters")), verdict.evidence());
    }

    @Test
    void theCaseIsCheckedBeforeTheLanguage() {
        // French in lowercase fails the capital check on case alone: no language in the verdict.
        Verdict verdict = CAPITAL.check("il fait très beau aujourd'hui et nous allons à la plage");
        assertFalse(verdict.passed());
        assertTrue(verdict.measured().endsWith("lowercase letters"), verdict::measured);
    }

    @Test
    void anotherLanguageInTheRightCaseFails() {
        Verdict verdict = LOWERCASE.check("il fait très beau aujourd'hui et nous allons à la plage avec nos amis");
        assertFalse(verdict.passed());
        assertEquals("all lowercase letters, language fr", verdict.measured());
        assertEquals("Write the whole response in English; the response reads as French (fr).", verdict.hint());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "12345", "!!! 42 ???", "中文"})
    void textWithoutCasedLettersIsNeitherUpperNorLower(String text) {
        for (Verifier verifier : List.of(CAPITAL, LOWERCASE)) {
            Verdict verdict = verifier.check(text);
            assertFalse(verdict.passed());
            assertEquals("no cased letters", verdict.measured());
            assertEquals(List.of(), verdict.evidence());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u24B6\u24B7\u24B8 123", "\uD835\uDC00\uD835\uDC01 123"})
    void capitalsWithoutDetectableLanguagePass(String text) {
        // Circled and mathematical capitals are upper case for Python too, but no profile knows them: langdetect
        // raises "no features", which the reference counts as success.
        Verdict verdict = CAPITAL.check(text);
        assertTrue(verdict.passed());
        assertEquals("all capital letters, no language detected", verdict.measured());
    }

    @ParameterizedTest
    @CsvSource({"HELLO WORLD, so", "GOOD MORNING EVERYONE, de", "HAPPY BIRTHDAY TO YOU MY FRIEND, cy"})
    void allCapsIsJudgedByTheFirstLetterOfEachWordAsInTheReference(String text, String language) {
        // langdetect skips the n-grams inside a word in capitals, so only word initials are left. Python langdetect
        // 1.0.9 gives these answers in 40 of 40 unseeded runs.
        Verdict verdict = CAPITAL.check(text);
        assertFalse(verdict.passed());
        assertEquals("all capital letters, language " + language, verdict.measured());
    }

    @Test
    void pythonCaseRules() {
        // U+00AA (feminine ordinal) is lowercase for Python and Java alike.
        assertEquals("1 lowercase letter", CAPITAL.check("HELLO \u00AA").measured());
        // U+01C5 (Dz with caron) is title case: it breaks both rules.
        assertEquals("1 lowercase letter", CAPITAL.check("HELLO \u01C5").measured());
        assertEquals("1 capital letter", LOWERCASE.check("hello \u01C5").measured());
    }
}
