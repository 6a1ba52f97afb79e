package io.trace2train.verifiers.text.punkt;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trace2train.testing.ExampleData;
import io.trace2train.verifiers.text.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Expected sentences are NLTK 3.8's output on the same text with the same English model. */
class PunktSentenceTokenizerTest {

    private static final PunktSentenceTokenizer PUNKT = PunktSentenceTokenizer.english();

    private static void assertSentences(String text, String... expected) {
        assertEquals(List.of(expected), PUNKT.sentences(text), () -> "sentences of " + text);
    }

    @Test
    void semanticsExamples() {
        assertSentences("Hello Mr. Smith. How are you? I am fine... OK!",
                "Hello Mr. Smith.", "How are you?", "I am fine... OK!");
        assertSentences("1. First item\n2. Second item", "1.", "First item\n2.", "Second item");
        assertSentences("* a\n* b", "* a\n* b");
        assertSentences("No period at end", "No period at end");
        assertSentences("");
        assertEquals(0, PUNKT.count("   \n "));
    }

    @Test
    void knownAbbreviationsDoNotEndSentences() {
        assertSentences("I met Dr. Jones today. He was late.", "I met Dr. Jones today.", "He was late.");
        assertSentences("Mr. and Mrs. Smith came. They left.", "Mr. and Mrs. Smith came.", "They left.");
        assertSentences("The U.S. economy grew. Prices fell.", "The U.S. economy grew.", "Prices fell.");
        assertSentences("He was born on Jan. 5 and died in Feb. 1990.",
                "He was born on Jan. 5 and died in Feb. 1990.");
        // "temp" is no known abbreviation, so its period is a break even before a lower-case word.
        assertSentences("The temp. was high. It rained.", "The temp.", "was high.", "It rained.");
    }

    @Test
    void abbreviationBeforeACapitalisedWordStaysUnlessOrthographyOrStartersSayOtherwise() {
        // "She" is seen capitalised mid-sentence in training: the orthographic heuristic is unsure, no break.
        assertSentences("She lives in the U.S. She likes it.", "She lives in the U.S. She likes it.");
        // "However" is a frequent sentence starter: the abbreviation also ends the sentence.
        assertSentences("We met at 5 p.m. However, it rained.", "We met at 5 p.m.", "However, it rained.");
        assertSentences("We met at 5 p.m. and then it rained.", "We met at 5 p.m. and then it rained.");
    }

    @Test
    void collocationsSpanThePeriod() {
        // ("##number##", "abreast") is a collocation of the model.
        assertSentences("It happened in 1999. abreast of the times.", "It happened in 1999. abreast of the times.");
    }

    @Test
    void initialsAreAbbreviations() {
        assertSentences("J. R. R. Tolkien wrote", "J. R. R. Tolkien wrote");
        assertSentences("J. R. R. Tolkien wrote it.", "J. R. R. Tolkien wrote it.");
    }

    @Test
    void numbersEndSentencesOnlyBeforeLikelyStarts() {
        assertSentences("It costs 5. Then it costs 6.", "It costs 5.", "Then it costs 6.");
        assertSentences("It costs 5. then it costs 6.", "It costs 5. then it costs 6.");
    }

    @Test
    void ellipsisEndsASentenceOnlyBeforeALikelyStart() {
        assertSentences("Wait... What happened? Nothing.", "Wait... What happened?", "Nothing.");
        assertSentences("Wait... what happened?", "Wait... what happened?");
    }

    @Test
    void closingQuotesAndBracketsMoveToTheSentenceTheyClose() {
        assertSentences("He said \"Hi.\" Then left.", "He said \"Hi.\"", "Then left.");
        assertSentences("(Sent1.) Sent2.", "(Sent1.)", "Sent2.");
        assertSentences("He said: \"Stop.\" \"Why?\" she asked.", "He said: \"Stop.\"", "\"Why?\"", "she asked.");
    }

    @Test
    void repeatedMarksCollapseIntoOneCandidate() {
        assertSentences("Very bad acting!!! I promise.", "Very bad acting!!!", "I promise.");
        assertSentences("What?! No way.", "What?!", "No way.");
    }

    @Test
    void whitespaceAroundSentencesIsNotPartOfThem() {
        assertSentences("  Leading spaces. Trailing spaces.   ", "  Leading spaces.", "Trailing spaces.");
        assertSentences("End.\n\nNext paragraph.", "End.", "Next paragraph.");
        assertEquals(List.of(new Span(0, 4), new Span(6, 21)), PUNKT.spans("End.\n\nNext paragraph."));
    }

    @Test
    void spansOfEveryResponseAreOrderedNonEmptyAndInBounds() {
        for (String response : ExampleData.gpt4Responses()) {
            List<Span> spans = assertDoesNotThrow(() -> PUNKT.spans(response));
            int previousEnd = 0;
            for (Span span : spans) {
                assertTrue(span.start() >= previousEnd && span.start() < span.end()
                        && span.end() <= response.length(), () -> span + " in " + response);
                previousEnd = span.end();
            }
        }
    }
}
