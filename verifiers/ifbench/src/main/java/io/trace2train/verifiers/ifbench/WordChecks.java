package io.trace2train.verifiers.ifbench;

import static io.trace2train.verifiers.ifbench.Arguments.count;
import static io.trace2train.verifiers.ifbench.Arguments.integer;
import static io.trace2train.verifiers.ifbench.Arguments.positive;
import static io.trace2train.verifiers.ifbench.Arguments.string;

import io.trace2train.api.text.PythonText;
import io.trace2train.api.verify.Evidence;
import io.trace2train.verifiers.text.Hints;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The {@code words:*} checks. */
final class WordChecks {

    private WordChecks() {
    }

    private static final String CONSONANTS = "bcdfghjklmnpqrstvwxyz";
    private static final Set<Integer> PRIMES = Set.of(2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59,
            61, 67, 71, 73, 79, 83, 89, 97);

    static List<IfbenchVerifierFactory> factories() {
        return List.of(
                IfbenchVerifierFactory.fixed("words:alphabet",
                        "Each word must start with the next letter of the alphabet, looping back to 'A' after 'Z'.",
                        WordChecks::alphabet),
                IfbenchVerifierFactory.fixed("words:vowel",
                        "Write one paragraph using words that contain only three types of vowels.", WordChecks::vowel),
                IfbenchVerifierFactory.fixed("words:consonants",
                        "Each word must contain a consonant cluster (two consonants together).",
                        WordChecks::consonants),
                IfbenchVerifierFactory.fixed("words:palindrome",
                        "Include at least 10 single-word palindromes, each at least 5 characters long.",
                        WordChecks::palindrome),
                IfbenchVerifierFactory.fixed("words:prime_lengths",
                        "Use only words with lengths that are prime numbers.", WordChecks::primeLengths),
                IfbenchVerifierFactory.fixed("words:start_verb", "The response must start with a verb.",
                        WordChecks::startVerb),
                IfbenchVerifierFactory.of("words:repeats",
                        "The response should not repeat any word more than small_n times.",
                        List.of(integer("small_n", "the most times a word may occur")),
                        args -> {
                            long n = count(args, "small_n");
                            return text -> repeats(text, n);
                        }),
                IfbenchVerifierFactory.fixed("words:odd_even_syllables",
                        "Alternate between words with odd and even numbers of syllables.",
                        WordChecks::oddEvenSyllables),
                IfbenchVerifierFactory.fixed("words:last_first",
                        "The last word of each sentence must become the first word of the next sentence.",
                        WordChecks::lastFirst),
                IfbenchVerifierFactory.fixed("words:paragraph_last_first",
                        "Each paragraph (line) must end with the word it started with.",
                        WordChecks::paragraphLastFirst),
                IfbenchVerifierFactory.fixed("words:no_consecutive",
                        "No two consecutive words can share the same first letter.", WordChecks::noConsecutive),
                IfbenchVerifierFactory.of("words:keywords_specific_position",
                        "Include keyword in the n-th sentence, as the m-th word of that sentence.",
                        List.of(string("keyword", "the word"), integer("n", "the sentence, from 1"),
                                integer("m", "the word of that sentence, from 1")),
                        args -> {
                            String keyword = PythonText.strip(Arguments.nonBlank(args, "keyword"));
                            long n = positive(args, "n");
                            long m = positive(args, "m");
                            return text -> keywordPosition(text, keyword, n, m);
                        }),
                IfbenchVerifierFactory.of("words:words_position",
                        "The second word and the second to last word of the response should be keyword.",
                        List.of(string("keyword", "the word")),
                        args -> {
                            String keyword = PythonText.strip(Arguments.nonBlank(args, "keyword"));
                            return text -> wordsPosition(text, keyword);
                        }));
    }

    static Finding alphabet(String text) {
        String deleted = IfbenchText.deletePunct(text);
        List<String> words = PythonText.split(IfbenchText.stripPunct(deleted));
        String required = "consecutive first letters a-z, z then a";
        if (words.isEmpty()) {
            return Finding.fail("no words", required, "Write words whose first letters run through the alphabet.");
        }
        // only the first code point is lowered here (words[0][0].lower()); later words are lowered whole
        String letter = PythonText.lower(IfbenchText.first(words.get(0)));
        if (letter.length() != 1 || letter.charAt(0) < 'a' || letter.charAt(0) > 'z') {
            return Finding.fail("first word " + Hints.quote(words.get(0)), required,
                    "Start with a word beginning with a letter a-z.");
        }
        char expected = letter.charAt(0);
        for (int i = 1; i < words.size(); i++) {
            String word = PythonText.lower(IfbenchText.stripPunct(words.get(i)));
            if (word.isEmpty()) {
                continue;
            }
            expected = expected == 'z' ? 'a' : (char) (expected + 1);
            if (word.codePointAt(0) != expected) {
                return Finding.fail("word " + (i + 1) + " " + Hints.quote(words.get(i)), required,
                        "Word " + (i + 1) + " " + Hints.quote(words.get(i)) + " must start with '" + expected
                                + "'.");
            }
        }
        return Finding.pass(words.size() + " words in alphabet order", required);
    }

    static Finding vowel(String text) {
        List<String> lines = PythonText.split(PythonText.strip(text), "\n");
        String required = "one paragraph, at most 3 distinct vowels";
        if (lines.size() != 1) {
            return Finding.fail(lines.size() + " lines", required, "Write a single paragraph with no line breaks.");
        }
        Set<Character> vowels = new TreeSet<>();
        for (char c : PythonText.lower(lines.get(0)).toCharArray()) {
            if ("aeiou".indexOf(c) >= 0) {
                vowels.add(c);
            }
        }
        return Finding.of(vowels.size() <= 3, vowels.size() + " vowels " + vowels, required,
                "Use words with at most 3 of the vowels a, e, i, o, u; the response uses " + vowels + ".");
    }

    static Finding consonants(String text) {
        for (Word w : Word.split(text, PythonText::lower)) {
            String word = w.text();
            boolean cluster = false;
            for (int i = 0; i + 1 < word.length() && !cluster; i++) {
                cluster = CONSONANTS.indexOf(word.charAt(i)) >= 0 && CONSONANTS.indexOf(word.charAt(i + 1)) >= 0;
            }
            if (!cluster) {
                return Finding.fail("word " + Hints.quote(word) + " has no cluster",
                        "a consonant cluster in every word",
                        "Replace " + Hints.quote(word) + ": every word needs two adjacent consonants.",
                        List.of(w.evidence("no consonant cluster")));
            }
        }
        return Finding.pass("every word has a cluster", "a consonant cluster in every word");
    }

    static Finding palindrome(String text) {
        long count = PythonText.split(PythonText.lower(IfbenchText.deletePunct(text))).stream()
                .filter(w -> IfbenchText.length(w) >= 5 && w.equals(IfbenchText.reverse(w))).count();
        return Finding.of(count >= 10, count + " palindromes", "at least 10",
                "Include at least 10 palindromes of 5 or more letters (level, radar, civic, ...); the response has "
                        + count + ".");
    }

    static Finding primeLengths(String text) {
        for (Word w : Word.split(text, IfbenchText::deletePunct)) {
            String word = w.text();
            if (!PRIMES.contains(IfbenchText.length(word))) {
                return Finding.fail(Hints.quote(word) + " has " + IfbenchText.length(word) + " letters",
                        "prime word lengths", "Replace " + Hints.quote(word)
                                + ": every word needs a prime number of characters (2, 3, 5, 7, 11, ...).",
                        List.of(w.evidence("length " + IfbenchText.length(word) + " is not prime")));
            }
        }
        return Finding.pass("all word lengths prime", "prime word lengths");
    }

    static Finding startVerb(String text) {
        // the first tag depends on the two tokens after it and nothing further, so only those are tokenized and tagged
        List<String> tokens = IfbenchText.firstWordTokens(text, 3);
        if (tokens.isEmpty()) {
            return Finding.fail("no words", "a verb first", "Start the response with a verb.");
        }
        String tag = PerceptronTagger.english().tags(tokens).getFirst();
        return Finding.of(tag.contains("VB"), Hints.quote(tokens.getFirst()) + " tagged " + tag, "a verb first",
                "Start the response with a verb (an imperative such as 'Consider' or 'Imagine').");
    }

    static Finding repeats(String text, long n) {
        Map<String, List<Word>> occurrences = new LinkedHashMap<>();
        for (Word w : Word.split(text, word -> IfbenchText.deletePunct(PythonText.lower(word)))) {
            occurrences.computeIfAbsent(w.text(), k -> new ArrayList<>()).add(w);
        }
        for (Map.Entry<String, List<Word>> entry : occurrences.entrySet()) {
            int count = entry.getValue().size();
            if (count > n) {
                // the occurrences beyond the allowed number are the ones to replace
                List<Evidence> excess = entry.getValue().subList((int) n, count).stream()
                        .map(w -> w.evidence("repeat of " + Hints.quote(entry.getKey()))).toList();
                return Finding.fail(Hints.quote(entry.getKey()) + " " + count + " times",
                        "each word at most " + n + " times", "Use " + Hints.quote(entry.getKey()) + " at most " + n
                                + " times (now " + count + "); use synonyms.", excess);
            }
        }
        return Finding.pass("no word over " + n + " times", "each word at most " + n + " times");
    }

    static Finding oddEvenSyllables(String text) {
        List<Word> words = Word.split(text, word -> PythonText.lower(IfbenchText.deletePunct(word)));
        for (int i = 0; i + 1 < words.size(); i++) {
            String first = words.get(i).text();
            String second = words.get(i + 1).text();
            int a = Syllables.count(first) % 2;
            int b = Syllables.count(second) % 2;
            if (a == b) {
                return Finding.fail(Hints.quote(first) + " and " + Hints.quote(second)
                        + " have the same syllable parity", "alternating odd and even syllable counts",
                        "Alternate odd and even syllable counts; " + Hints.quote(first) + " and "
                                + Hints.quote(second) + " are both " + (a == 0 ? "even" : "odd") + ".",
                        List.of(words.get(i + 1).evidence("same syllable parity as the word before")));
            }
        }
        return Finding.pass("syllable parities alternate", "alternating odd and even syllable counts");
    }

    static Finding lastFirst(String text) {
        List<String> sentences = IfbenchText.sentences(text);
        String required = "each sentence starts with the previous one's last word";
        for (int i = 0; i + 1 < sentences.size(); i++) {
            List<String> last = PythonText.split(PythonText.rstrip(sentences.get(i), IfbenchText.PUNCT_SPACE));
            List<String> first = PythonText.split(PythonText.lstrip(sentences.get(i + 1), IfbenchText.PUNCT_SPACE));
            if (last.isEmpty() || first.isEmpty()) {
                return Finding.fail("sentence " + (i + (last.isEmpty() ? 1 : 2)) + " has no words", required,
                        "Every sentence needs words.");
            }
            if (!PythonText.lower(last.getLast()).equals(PythonText.lower(first.getFirst()))) {
                return Finding.fail("sentence " + (i + 2) + " starts " + Hints.quote(first.getFirst()), required,
                        "Start sentence " + (i + 2) + " with " + Hints.quote(last.getLast())
                                + ", the last word of the sentence before.");
            }
        }
        return Finding.pass(sentences.size() + " sentences chained", required);
    }

    static Finding paragraphLastFirst(String text) {
        List<String> lines = PythonText.split(text, "\n");
        String required = "each paragraph ends with its first word";
        for (int i = 0; i < lines.size(); i++) {
            String paragraph = PythonText.lower(PythonText.strip(lines.get(i)));
            List<String> words = PythonText.split(IfbenchText.stripPunct(paragraph));
            if (!words.isEmpty() && !words.getFirst().equals(words.getLast())) {
                return Finding.fail("line " + (i + 1) + " starts " + Hints.quote(words.getFirst()) + ", ends "
                        + Hints.quote(words.getLast()), required, "End paragraph (line) " + (i + 1) + " with "
                                + Hints.quote(words.getFirst()) + ", the word it starts with.");
            }
        }
        return Finding.pass("every paragraph", required);
    }

    static Finding noConsecutive(String text) {
        List<Word> words = Word.split(text, word -> IfbenchText.deletePunct(PythonText.lower(word)));
        for (int i = 0; i + 1 < words.size(); i++) {
            String first = words.get(i).text();
            String second = words.get(i + 1).text();
            if (first.codePointAt(0) == second.codePointAt(0)) {
                return Finding.fail(Hints.quote(first) + " then " + Hints.quote(second),
                        "no two adjacent words with the same first letter", "Separate " + Hints.quote(first)
                                + " and " + Hints.quote(second) + ": they start with the same letter.",
                        List.of(words.get(i + 1).evidence("same first letter as the word before")));
            }
        }
        return Finding.pass("no repeats", "no two adjacent words with the same first letter");
    }

    static Finding keywordPosition(String text, String keyword, long n, long m) {
        List<String> sentences = IfbenchText.sentences(text);
        String required = Hints.quote(keyword) + " as word " + m + " of sentence " + n;
        if (sentences.size() < n) {
            return Finding.fail(sentences.size() + " sentences", required, "Write at least " + n
                    + " sentences and make word " + m + " of sentence " + n + " " + Hints.quote(keyword) + ".");
        }
        List<String> words = IfbenchText.wordTokens(sentences.get((int) n - 1)).stream()
                .filter(w -> w.codePoints().anyMatch(IfbenchText::isAlnum)).toList();
        if (words.size() < m) {
            return Finding.fail("sentence " + n + " has " + words.size() + " words", required,
                    "Make word " + m + " of sentence " + n + " " + Hints.quote(keyword) + ".");
        }
        String word = words.get((int) m - 1);
        return Finding.of(PythonText.lower(word).equals(PythonText.lower(keyword)),
                "word " + m + " of sentence " + n + " is " + Hints.quote(word), required,
                "Make word " + m + " of sentence " + n + " " + Hints.quote(keyword) + " (now " + Hints.quote(word)
                        + ").");
    }

    static Finding wordsPosition(String text, String keyword) {
        List<String> words = IfbenchText.wordTokens(text);
        String required = Hints.quote(keyword) + " second and second to last";
        String hint = "Make the second word and the second to last word " + Hints.quote(keyword)
                + " (a final punctuation mark does not count as a word).";
        if (words.size() < 2) {
            return Finding.fail(words.size() + " words", required, hint);
        }
        String k = PythonText.lower(keyword);
        // `token in string.punctuation` is a substring test: '.' and '!"' are punctuation, '..' is not
        int fromEnd = IfbenchText.PUNCT.contains(words.getLast()) ? 3 : 2;
        if (words.size() < fromEnd) {
            return Finding.fail(words.size() + " words", required, hint);
        }
        String second = words.get(1);
        String secondLast = words.get(words.size() - fromEnd);
        boolean ok = PythonText.lower(second).equals(k) && PythonText.lower(secondLast).equals(k);
        return Finding.of(ok, "second " + Hints.quote(second) + ", second to last " + Hints.quote(secondLast),
                required, hint);
    }
}
