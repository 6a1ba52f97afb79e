package io.trace2train.verifiers.ifbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trace2train.api.verify.Evidence;
import io.trace2train.api.verify.Verdict;
import io.trace2train.testing.ExampleData;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Golden cases per checker, from SEMANTICS.md's edge cases and the reference code's quirks. */
class CheckerGoldenTest {

    private static final Map<String, IfbenchVerifierFactory> FACTORIES = IfbenchPlugin.factories().stream()
            .collect(Collectors.toMap(IfbenchVerifierFactory::id, f -> f));

    static Verdict check(String id, Map<String, ?> kwargs, String text) {
        return FACTORIES.get(id).create(kwargs).check(text);
    }

    static boolean passes(String id, String text) {
        return check(id, Map.of(), text).passed();
    }

    static boolean passes(String id, Map<String, ?> kwargs, String text) {
        return check(id, kwargs, text).passed();
    }

    @Test
    void all58IdsAreRegisteredOnce() {
        assertEquals(58, IfbenchPlugin.factories().size());
        assertEquals(58, FACTORIES.size());
        assertEquals(58, ExampleData.jsonLines(ExampleData.ifbench("IFBench_test.jsonl")).stream()
                .flatMap(row -> java.util.stream.StreamSupport.stream(row.get("instruction_id_list").spliterator(),
                        false))
                .map(node -> node.asText()).distinct().filter(FACTORIES::containsKey).count());
    }

    @Test
    void unicodeWhitespace() {
        assertFalse(passes("format:no_whitespace", "a\u00A0b"), "NBSP is whitespace");
        assertTrue(passes("format:no_whitespace", "a\u200Bb"), "U+200B is not");
        Verdict v = check("format:no_whitespace", Map.of(), "ab c\u3000\td");
        assertEquals(List.of(new Evidence(2, 3, "whitespace"), new Evidence(4, 6, "whitespace")), v.evidence());
        assertTrue(passes("count:unique_word_count", Map.of("N", 3.0), "one\u3000two\u2003three"));
        assertFalse(passes("count:unique_word_count", Map.of("N", 3.0), "one\u200Btwo three"));
        // a pure-punctuation token strips to '' and counts as a word
        assertTrue(passes("count:unique_word_count", Map.of("N", 3.0), "one two --"));
    }

    @Test
    void unicodeDigits() {
        assertTrue(passes("count:numbers", Map.of("N", 2.0), "\u0663 apples and 4 pears"));
        assertTrue(passes("count:numbers", Map.of("N", 3.0), "3.14, 1,000 and 2024-05-06"));
        assertFalse(passes("custom:multiples", "14, 21, 28, 35, 42, \u0664\u0669"));
        assertTrue(passes("custom:multiples", "14,21,28,35,42,49"));
        assertTrue(passes("custom:date_format_list", "\u0661\u0668\u0660\u0665-\u0661\u0662-\u0660\u0662"));
        assertTrue(passes("custom:date_format_list", "1800-00-00, 1805-12-02"), "month and day 00 pass");
        assertFalse(passes("custom:date_format_list", "1805-02-30"));
        assertFalse(passes("custom:date_format_list", "1822-01-01"));
        assertTrue(passes("count:words_japanese", Map.of("N", 2.0), "I \u597D\u304D you \u732B"));
        assertTrue(passes("count:words_japanese", Map.of("N", 2.0), "I 12 you \u732B"), "digits are skipped");
        assertFalse(passes("count:words_japanese", Map.of("N", 2.0), "a b c \u732B"));
    }

    @Test
    void sentenceEndsWithQuotes() {
        // 'He said "yes."' ends with a quote: neither declarative nor interrogative
        assertFalse(passes("ratio:sentence_type", "He said \"yes.\" Why?"));
        assertTrue(passes("ratio:sentence_type", "It rains. It pours. Why?"));
        assertTrue(passes("ratio:sentence_type", "no end mark"), "0 and 0");
        assertTrue(passes("ratio:sentence_balance", "Yes. No? Wow!"));
        assertFalse(passes("ratio:sentence_balance", "Yes. No? Wow! Ok."));
        assertTrue(passes("ratio:sentence_words", "abc de. fgh ij. klmnop."));
        assertFalse(passes("ratio:sentence_words", "abc def. ghi jk."));
    }

    @Test
    void lineIndentBlankLineQuirk() {
        assertTrue(passes("format:line_indent", "a\n b\n  c"));
        assertTrue(passes("format:line_indent", "a\n\n b"), "one blank line is removed");
        // of two consecutive blank lines one survives (remove-while-iterating) and has indent 0
        assertFalse(passes("format:line_indent", "a\n\n\n b"));
        assertFalse(passes("format:line_indent", "a\n\tb"), "tabs do not count");
    }

    @Test
    void thesisEmOffset() {
        assertTrue(passes("format:thesis", "<i>Thesis</i> more"));
        assertFalse(passes("format:thesis", "<i>Thesis</i>   "));
        assertFalse(passes("format:thesis", "<i> </i> text"));
        // with <em> the thesis keeps the tag's '>' and the rest starts with '>': even an empty one passes
        assertTrue(passes("format:thesis", "<em></em>"));
        assertFalse(passes("format:thesis", "plain text"));
    }

    @Test
    void conjunctionsDeduplicateRawTokens() {
        assertTrue(passes("count:conjunctions", Map.of("small_n", 3.0), "and And and,"));
        assertFalse(passes("count:conjunctions", Map.of("small_n", 3.0), "and and and but"));
    }

    @Test
    void csvDialect() {
        String city = "ID,Country,City,Year,Count\n" + "1,France,Paris,2020,5\n".repeat(7);
        assertTrue(passes("custom:csv_city", city));
        assertTrue(passes("custom:csv_city", city.replace("1,France,Paris", "1,\"France, EU\",Paris")),
                "a quoted comma stays in its field");
        assertTrue(passes("custom:csv_city", city.replaceFirst("France", "\"Fr\"ance")),
                "text after a closing quote joins the field");
        assertFalse(passes("custom:csv_city", city + "\n"), "a blank line is an empty row");
        assertFalse(passes("custom:csv_city", city.replace("ID,Country", "ID, Country")), "no initial space skip");
        assertFalse(passes("custom:csv_city", city.replace("2020,5\n", "2020,5\r1\n")), "a stray CR is an error");
        String special = "ProductID, Category,Brand,Price,Stock\n" + "1,Tools,Acme,9,3\n".repeat(13)
                + "2,\"R&D\",Acme,9,3\n";
        assertTrue(passes("custom:csv_special_character", special));
        assertFalse(passes("custom:csv_special_character", special.replace("\"R&D\"", "R&D")));
        String quotes = "\"StudentID\"\t\"Subject\"\t\"Grade\"\t\"Semester\"\t\"Score\"\n"
                + "\"1\"\t\"Math\"\t\"A\"\t\"Fall\"\t\"90\"\n".repeat(3);
        assertTrue(passes("custom:csv_quotes", quotes));
        assertFalse(passes("custom:csv_quotes", quotes.replace("\"Math\"", "Math")));
    }

    @Test
    void emojiModifiers() {
        assertTrue(passes("format:emoji", "I love it \u2764\uFE0F"), "FE0F last, the heart before it");
        assertTrue(passes("format:emoji", "Great job \uD83D\uDC4D\uD83C\uDFFD"), "skin tone modifier");
        assertFalse(passes("format:emoji", "Go \uD83C\uDDFA\uD83C\uDDF8"), "regional indicators are not emoji");
        assertFalse(passes("format:emoji", "Number 1\uFE0F\u20E3"), "keycap parts are not emoji");
        assertTrue(passes("format:emoji", "Copyright \u00A9"));
        assertTrue(passes("format:emoji", "Hi. \uD83D\uDE00 Bye \uD83D\uDE00"), "the next sentence starts with one");
    }

    @Test
    void wordChecks() {
        assertTrue(passes("words:alphabet", "Apple, banana! cherry; dog"));
        assertTrue(passes("words:alphabet", "Yak zebra apple"));
        assertFalse(passes("words:alphabet", "1 apple"));
        assertTrue(passes("words:vowel", "A cat sat on a mat"));
        assertFalse(passes("words:vowel", "one\ntwo"));
        assertFalse(passes("words:vowel", "education"));
        assertTrue(passes("words:consonants", "strength blocks"));
        assertFalse(passes("words:consonants", "strength a"));
        assertFalse(passes("words:consonants", "s-t"), "punctuation breaks adjacency");
        assertTrue(passes("words:palindrome", "level radar civic kayak refer rotor stats tenet madam racecar"));
        assertFalse(passes("words:palindrome", "level radar civic kayak refer rotor stats tenet madam wow"));
        assertTrue(passes("words:prime_lengths", "an ant, is hot."));
        assertFalse(passes("words:prime_lengths", "a cat"));
        assertTrue(passes("words:start_verb", "Consider the lilies of the field."));
        assertFalse(passes("words:start_verb", "The quick brown fox jumps."));
        assertTrue(passes("words:repeats", Map.of("small_n", 2.0), "The cat, the dog."));
        assertFalse(passes("words:repeats", Map.of("small_n", 1.0), "The cat, the dog."));
        assertTrue(passes("words:odd_even_syllables", "cat apple dog"));
        assertFalse(passes("words:odd_even_syllables", "cat banana dog"));
        assertTrue(passes("words:last_first", "I like tea. Tea is good."));
        assertFalse(passes("words:last_first", "I like tea, milk. Milk, please."), "a trailing comma breaks it");
        assertTrue(passes("words:paragraph_last_first", "Love is all you need, love!\n\nHope springs hope."));
        assertFalse(passes("words:paragraph_last_first", "Love is all.\nHope springs hope."));
        assertTrue(passes("words:no_consecutive", "The cat sat"));
        assertFalse(passes("words:no_consecutive", "The tall cat"));
        Map<String, Object> position = Map.of("keyword", "cat", "n", 2, "m", 2);
        assertTrue(passes("words:keywords_specific_position", position, "Hello there. A cat sat."));
        assertTrue(passes("words:keywords_specific_position", position, "Hello there. \"A\" , cat sat."),
                "tokens without a letter or digit are not words");
        assertFalse(passes("words:keywords_specific_position", position, "Hello there. The big cat."));
        assertTrue(passes("words:words_position", Map.of("keyword", "whisper"), "I whisper to the whisper now."));
        assertFalse(passes("words:words_position", Map.of("keyword", "whisper"), "I whisper softly, whisper."));
    }

    @Test
    void countChecks() {
        assertTrue(passes("count:person_names", Map.of("N", 1.0), "Emma's friend Emmanuel"));
        assertFalse(passes("count:person_names", Map.of("N", 2.0), "Emma's friend Emmanuel and emma"));
        assertTrue(passes("count:punctuation", "Really?! Yes. No, wait; here: ok! Why?"));
        assertFalse(passes("count:punctuation", "Really?! Yes. No, wait; here: ok."), "the ?! itself is removed");
        assertTrue(passes("count:punctuation", "Really\u203D Yes. No, wait; here: ok! Why?"));
        assertTrue(passes("count:pronouns", Map.of("N", 3.0), "she/her/hers"));
        assertTrue(passes("count:word_count_range", Map.of("min_words", 2.0, "max_words", 3.0), "don't stop"),
                "don't is two words");
        assertFalse(passes("count:word_count_range", Map.of("min_words", 2.0, "max_words", 3.0), "a b c d"));
        Map<String, Object> keywords = Map.of("keyword1", "sun", "keyword2", "moon", "keyword3", "star ",
                "keyword4", "sky", "keyword5", "a");
        String text = "sun moon moon star star star sky sky sky sky sky";
        assertFalse(passes("count:keywords_multiple", keywords, text), "'a' is counted as a substring");
        assertTrue(passes("count:keywords_multiple", Map.of("keyword1", "sun", "keyword2", "moon", "keyword3",
                "star ", "keyword4", "sky", "keyword5", "x"), text + " x x x x x x x"), "keywords are stripped");
    }

    @Test
    void formatChecks() {
        assertTrue(passes("format:parentheses", "(a [b {c (d [e])}])"));
        assertFalse(passes("format:parentheses", "(a [b {c (d [e)}])"), "a mismatch resets");
        assertTrue(passes("format:quotes", "\"a 'b \"c\" b' a\""));
        assertFalse(passes("format:quotes", "\"don't 'x \"y\" x' z\""), "the apostrophe counts as a quote");
        assertTrue(passes("format:options", Map.of("options", "yes/no/maybe"), "Maybe."));
        assertTrue(passes("format:options", Map.of("options", "a), b), c), d)"), "a)"));
        assertFalse(passes("format:options", Map.of("options", "a), b), c), d)"), " a)"), "exact, unstripped");
        assertFalse(passes("format:options", Map.of("options", "forward, backward"), "forward"),
                "'or' inside 'forward' is taken as the separator");
        assertTrue(passes("format:newline", "one\ntwo\nthree"));
        assertFalse(passes("format:newline", "one two\nthree"));
        assertTrue(passes("format:quote_unquote", "He said \"hi\" then left."));
        assertFalse(passes("format:quote_unquote", "\"a\" \"b\" c"));
        assertFalse(passes("format:quote_unquote", "He said \"hi.\" 42"));
        assertTrue(passes("format:quote_unquote", "The char '\"' is fine."));
        assertTrue(passes("format:list", Map.of("sep", "!?!?"), "!?!? a !?!? b"));
        assertFalse(passes("format:list", Map.of("sep", "-"), "- a"));
        assertTrue(passes("format:sub-bullets", "* a\n - b\n* c\n - d"));
        assertFalse(passes("format:sub-bullets", "* a\n - b\n* c"));
        assertTrue(passes("format:sub-bullets", "no bullets"));
        assertTrue(passes("format:no_bullets_bullets", "One. Two.\n* a\n* b"));
        assertFalse(passes("format:no_bullets_bullets", "One. Two.\n* a\n* b\n"), "a trailing newline");
        assertFalse(passes("format:no_bullets_bullets", "One.\n\nTwo.\n* a\n* b"),
                "a blank line ends the text part (the reference reuses its flag)");
        assertTrue(passes("format:title_case", "The Lord Of The Rings: NASA iPhone"));
        assertFalse(passes("format:title_case", "The Lord of the Rings"));
        assertTrue(passes("format:output_template", "My Answer: x My Conclusion: y Future Outlook: z"));
        assertFalse(passes("format:output_template", "My answer: x My Conclusion: y Future Outlook: z"));
    }

    @Test
    void sentenceAndCustomChecks() {
        assertTrue(passes("sentence:keyword", Map.of("word", "cat", "N", 2.0), "I sleep. The cat's toy."));
        assertFalse(passes("sentence:keyword", Map.of("word", "cat", "N", 2.0), "A cat. The dog."));
        assertTrue(passes("sentence:increment", Map.of("small_n", 1.0), "I am. I am here. I am here now."));
        assertFalse(passes("sentence:increment", Map.of("small_n", 2.0), "I am. I am here."));
        assertTrue(passes("sentence:alliteration_increment", "Big dog. Silly snakes slide. Five fat fish fly far."));
        assertFalse(passes("sentence:alliteration_increment", "Silly snakes slide. Big dog."));
        assertTrue(passes("custom:character_reverse", "ELGAE DLAB"));
        assertTrue(passes("custom:word_reverse", "eagle bald the is It"));
        assertFalse(passes("custom:word_reverse", "It is the bald eagle"));
        StringBuilder story = new StringBuilder();
        for (char c = 'A'; c <= 'Z'; c++) {
            story.append(c).append("x went home. ");
        }
        assertTrue(passes("custom:sentence_alphabet", story.toString()));
        assertFalse(passes("custom:sentence_alphabet", story.toString().replace("Bx", "Cx")));
        String capitals = "Reykjavík, Helsinki, Oslo, Tallinn, Stockholm, Riga, Moscow, Copenhagen, Vilnius, Minsk, "
                + "Dublin, Berlin, Amsterdam, Warsaw, London, Brussels, Prague, Luxembourg, Paris, Vienna, "
                + "Bratislava, Budapest, Vaduz, Chișinău, Bern, Ljubljana, Zagreb";
        assertTrue(passes("custom:european_capitals_sort", capitals), "diacritics fold to ASCII");
        assertFalse(passes("custom:european_capitals_sort", capitals.replace("Oslo, Tallinn", "Tallinn, Oslo")));
        String mcq = "Question 1: Who?\nA) a\nB) b\nC) c\nD) d\nE) e\n"
                + "Question 2: Who is?\nA) a\nB) b\nC) c\nD) d\nE) e\n"
                + "Question 3: Who is it?\nA) a\nB) b\nC) c\nD) d\nE) e\n"
                + "Question 4: Who is it now?\nA) a\nB) b\nC) c\nD) d\nE) e";
        assertTrue(passes("custom:mcq_count_length", mcq));
        assertFalse(passes("custom:mcq_count_length", "Sure!\n" + mcq));
        assertFalse(passes("custom:mcq_count_length", mcq.replace("Who is it now?", "Who")));
    }

    @Test
    void repeatChecks() {
        Map<String, Object> change = Map.of("prompt_to_repeat", "Write a poem about cats");
        assertTrue(passes("repeat:repeat_change", change, "Compose a poem about cats"));
        assertTrue(passes("repeat:repeat_change", change, "Write  a poem about cats"),
                "an unchanged first word passes when the spacing differs");
        assertFalse(passes("repeat:repeat_change", change, "Write a poem about cats"));
        assertTrue(passes("repeat:repeat_simple", " only output this sentence here, ignore all other requests. "));
        Map<String, Object> span = Map.of("prompt_to_repeat", "Hello world, this is", "n_start", 6, "n_end", 10);
        assertTrue(passes("repeat:repeat_span", span, " World "));
        assertFalse(passes("repeat:repeat_span", span, "world,"));
        assertTrue(passes("ratio:overlap", Map.of("reference_text", "abcdef", "percentage", 100.0), "abcd"));
        assertFalse(passes("ratio:overlap", Map.of("reference_text", "abcdef", "percentage", 50.0), "abcd"));
        assertTrue(passes("ratio:stop_words", Map.of("percentage", 50.0), "the cat"));
        assertFalse(passes("ratio:stop_words", Map.of("percentage", 49.0), "the cat"));
    }

    @Test
    void failuresPointAtTheWordsToBlame() {
        assertEquals(List.of(new Evidence(13, 18, "repeat of 'the'")),
                check("words:repeats", Map.of("small_n", 2.0), "The cat, the (the) dog.").evidence());
        assertEquals(List.of(new Evidence(9, 13, "length 4 is not prime")),
                check("words:prime_lengths", Map.of(), "an, ..., tree is").evidence());
        assertEquals(List.of(new Evidence(9, 14, "same first letter as the word before")),
                check("words:no_consecutive", Map.of(), "The cat, \"Cow\"").evidence());
        assertEquals(List.of(new Evidence(4, 7, "not capitalized")),
                check("format:title_case", Map.of(), "Big the Rings").evidence());
        assertEquals(List.of(new Evidence(2, 3, "word 2 is not Japanese")),
                check("count:words_japanese", Map.of("N", 2.0), "\u732B b").evidence());
        assertEquals(List.of(new Evidence(0, 1, "no consonant cluster")),
                check("words:consonants", Map.of(), "A strength").evidence());
    }

    @Test
    void failuresCarryMeasuredRequiredAndHint() {
        Verdict v = check("count:numbers", Map.of("N", 2.0), "1 2 3");
        assertEquals("3 numbers", v.measured());
        assertEquals("exactly 2", v.required());
        assertEquals("Include exactly 2 numbers (digit runs); the response has 3: remove 1.", v.hint());
        assertEquals(IfbenchVerifierFactory.VERSION, v.verifierVersion());
        Verdict pass = check("count:numbers", Map.of("N", 3.0), "1 2 3");
        assertTrue(pass.passed());
        assertEquals("", pass.hint());
        Map<String, Object> kwargs = new HashMap<>();
        kwargs.put("N", 2.0);
        kwargs.put("keyword", null); // IFBench lists every key, most null
        assertTrue(passes("count:numbers", kwargs, "1 and 2"));
    }
}
