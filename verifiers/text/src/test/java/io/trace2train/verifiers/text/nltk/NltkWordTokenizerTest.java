package io.trace2train.verifiers.text.nltk;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trace2train.testing.ExampleData;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Expected tokens are NLTK 3.8's {@code word_tokenize} output on the same text. */
class NltkWordTokenizerTest {

    private static final NltkWordTokenizer NLTK = NltkWordTokenizer.english();

    private static void assertTokens(String text, String... expected) {
        assertEquals(List.of(expected), NLTK.tokenize(text), () -> "tokens of " + text);
    }

    @Test
    void semanticsCapitalWordExample() {
        assertTokens("I DON'T KNOW, U.S.A. IS BIG-TIME. CAN'T STOP!",
                "I", "DO", "N'T", "KNOW", ",", "U.S.A.", "IS", "BIG-TIME", ".", "CA", "N'T", "STOP", "!");
    }

    @Test
    void contractionsSplit() {
        assertTokens("I cannot go, we're gonna win.", "I", "can", "not", "go", ",", "we", "'re", "gon", "na", "win", ".");
        assertTokens("CANNOT, GONNA, WANNA go.", "CAN", "NOT", ",", "GON", "NA", ",", "WAN", "NA", "go", ".");
        assertTokens("'Tis the season, 'twas fun.", "'T", "is", "the", "season", ",", "'t", "was", "fun", ".");
        assertTokens("Gimme that. Lemme see. I wanna go. You gotta try.",
                "Gim", "me", "that", ".", "Lem", "me", "see", ".", "I", "wan", "na", "go", ".",
                "You", "got", "ta", "try", ".");
        assertTokens("More'n enough. D'ye know?", "More", "'n", "enough", ".", "D", "'ye", "know", "?");
        assertTokens("It's John's book; they'll see. I'd go, I'm sure, you've seen.",
                "It", "'s", "John", "'s", "book", ";", "they", "'ll", "see", ".", "I", "'d", "go", ",", "I", "'m",
                "sure", ",", "you", "'ve", "seen", ".");
        assertTokens("I 'm here. 'Quote' test.", "I", "'m", "here", ".", "'Quote", "'", "test", ".");
    }

    @Test
    void bracketsDashesAndEllipses() {
        assertTokens("He (the boss) said [hello] {there} <now>.",
                "He", "(", "the", "boss", ")", "said", "[", "hello", "]", "{", "there", "}", "<", "now", ">", ".");
        assertTokens("Wait--what? No -- never.", "Wait", "--", "what", "?", "No", "--", "never", ".");
        assertTokens("Well... I guess... maybe.", "Well", "...", "I", "guess", "...", "maybe", ".");
    }

    @Test
    void quotesBecomeTreebankQuotes() {
        assertTokens("He said \"hi\" to me.", "He", "said", "``", "hi", "''", "to", "me", ".");
        assertTokens("\"Quoted start,\" he said.", "``", "Quoted", "start", ",", "''", "he", "said", ".");
        assertTokens("They said ``hello'' and left.", "They", "said", "``", "hello", "''", "and", "left", ".");
        assertTokens("“Smart quotes” and ‘single’ «guillemets» „low“.",
                "“", "Smart", "quotes", "”", "and", "‘", "single", "’", "«", "guillemets", "»", "„", "low", "“", ".");
    }

    @Test
    void symbolsAndNumbers() {
        assertTokens("Price: $5.99 (20% off) & #1 @home",
                "Price", ":", "$", "5.99", "(", "20", "%", "off", ")", "&", "#", "1", "@", "home");
        assertTokens("3,000 people, 4:30 pm, a,b", "3,000", "people", ",", "4:30", "pm", ",", "a", ",", "b");
        assertTokens("Use a * b and c*d.", "Use", "a", "*", "b", "and", "c", "*", "d", ".");
        // Only a sentence's final period splits off; an abbreviation inside keeps its periods.
        assertTokens("The U.S.A. is big.", "The", "U.S.A.", "is", "big", ".");
    }

    @Test
    void tokenRangesPointAtTheOriginalText() {
        String text = "He said \"HI\" and CAN'T stop.";
        List<WordToken> tokens = NLTK.tokenizeWithSpans(text);
        assertEquals(NLTK.tokenize(text), tokens.stream().map(WordToken::text).toList());
        assertEquals(new WordToken("``", 8, 9), tokens.get(2));
        assertEquals(new WordToken("HI", 9, 11), tokens.get(3));
        assertEquals(new WordToken("''", 11, 12), tokens.get(4));
        assertEquals(new WordToken("CA", 17, 19), tokens.get(6));
        assertEquals(new WordToken("N'T", 19, 22), tokens.get(7));
    }

    @Test
    void everyResponseTokenizesAndAligns() {
        for (String response : ExampleData.gpt4Responses()) {
            List<WordToken> tokens = assertDoesNotThrow(() -> NLTK.tokenizeWithSpans(response));
            assertEquals(NLTK.tokenize(response), tokens.stream().map(WordToken::text).toList());
            int previousEnd = 0;
            for (WordToken token : tokens) {
                boolean quote = token.text().equals("``") || token.text().equals("''");
                String original = response.substring(token.start(), token.end());
                assertTrue(token.start() >= previousEnd
                        && (quote ? List.of("\"", "``", "''").contains(original) : original.equals(token.text())),
                        () -> token + " in " + response);
                previousEnd = token.end();
            }
        }
    }
}
