package io.trace2train.verifiers.ifbench;

import static io.trace2train.verifiers.ifbench.Arguments.count;
import static io.trace2train.verifiers.ifbench.Arguments.integer;
import static io.trace2train.verifiers.ifbench.Arguments.positive;
import static io.trace2train.verifiers.ifbench.Arguments.string;

import io.trace2train.api.text.PythonText;
import io.trace2train.verifiers.text.Hints;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code count:*} checks. */
final class CountChecks {

    private CountChecks() {
    }

    static final List<String> PERSON_NAMES = List.of("Emma", "Liam", "Sophia", "Jackson", "Olivia", "Noah", "Ava",
            "Lucas", "Isabella", "Mason", "Mia", "Ethan", "Charlotte", "Alexander", "Amelia", "Benjamin", "Harper",
            "Leo", "Zoe", "Daniel", "Chloe", "Samuel", "Lily", "Matthew", "Grace", "Owen", "Abigail", "Gabriel",
            "Ella", "Jacob", "Scarlett", "Nathan", "Victoria", "Elijah", "Layla", "Nicholas", "Audrey", "David",
            "Hannah", "Christopher", "Penelope", "Thomas", "Nora", "Andrew", "Aria", "Joseph", "Claire", "Ryan",
            "Stella", "Jonathan");
    private static final Set<String> CONJUNCTIONS = Set.of("and", "but", "for", "nor", "or", "so", "yet");
    private static final Set<String> PRONOUNS = Set.of(
            "i", "me", "we", "us", "you", "he", "him", "she", "her", "it", "they", "them",
            "my", "mine", "our", "ours", "your", "yours", "his", "hers", "its", "their", "theirs",
            "myself", "ourselves", "yourself", "yourselves", "himself", "herself", "itself", "themselves",
            "this", "that", "these", "those",
            "who", "whom", "whose", "which", "what",
            "whoever", "whomever", "whatever", "whichever",
            "anybody", "anyone", "anything", "everybody", "everyone", "everything",
            "nobody", "nothing", "somebody", "someone", "something",
            "each", "either", "neither", "both", "all", "some", "any", "none");
    private static final int[] KEYWORD_COUNTS = {1, 2, 3, 5, 7};

    static List<IfbenchVerifierFactory> factories() {
        return List.of(
                IfbenchVerifierFactory.of("count:word_count_range",
                        "The response must contain between min_words and max_words words.",
                        List.of(integer("min_words", "the fewest words"), integer("max_words", "the most words")),
                        args -> {
                            long min = count(args, "min_words");
                            long max = count(args, "max_words");
                            if (max < min) {
                                throw args.invalid("max_words", "must not be below min_words (" + min + "), got "
                                        + max);
                            }
                            return text -> wordCountRange(text, min, max);
                        }),
                IfbenchVerifierFactory.of("count:unique_word_count", "Use at least N unique words in the response.",
                        List.of(integer("N", "the fewest distinct words")),
                        args -> {
                            long n = count(args, "N");
                            return text -> uniqueWords(text, n);
                        }),
                IfbenchVerifierFactory.of("count:conjunctions",
                        "Use at least small_n different coordinating conjunctions in the response.",
                        List.of(integer("small_n", "the fewest different conjunctions")),
                        args -> {
                            long n = count(args, "small_n");
                            return text -> conjunctions(text, n);
                        }),
                IfbenchVerifierFactory.of("count:person_names",
                        "Mention at least N different person names from the instruction's list of 50.",
                        List.of(integer("N", "the fewest different names")),
                        args -> {
                            long n = count(args, "N");
                            return text -> personNames(text, n);
                        }),
                IfbenchVerifierFactory.of("count:numbers", "Include exactly N numbers in the response.",
                        List.of(integer("N", "the exact count of numbers")),
                        args -> {
                            long n = count(args, "N");
                            return text -> numbers(text, n);
                        }),
                IfbenchVerifierFactory.fixed("count:punctuation",
                        "Use every standard punctuation mark at least once, including semicolons, colons, and the "
                                + "interrobang (?!).",
                        CountChecks::punctuation),
                IfbenchVerifierFactory.of("count:words_japanese", "Every Nth word of the response must be in Japanese.",
                        List.of(integer("N", "the cycle length, 1 or more")),
                        args -> {
                            long n = positive(args, "N");
                            return text -> japanese(text, n);
                        }),
                IfbenchVerifierFactory.of("count:pronouns", "The response should include at least N pronouns.",
                        List.of(integer("N", "the fewest pronouns")),
                        args -> {
                            long n = count(args, "N");
                            return text -> pronouns(text, n);
                        }),
                IfbenchVerifierFactory.of("count:keywords_multiple",
                        "Include keyword1 once, keyword2 twice, keyword3 three times, keyword4 five times and "
                                + "keyword5 seven times.",
                        List.of(string("keyword1", "the keyword to use once"),
                                string("keyword2", "the keyword to use twice"),
                                string("keyword3", "the keyword to use three times"),
                                string("keyword4", "the keyword to use five times"),
                                string("keyword5", "the keyword to use seven times")),
                        args -> {
                            List<String> keywords = new ArrayList<>();
                            for (int k = 1; k <= 5; k++) {
                                // the reference strips each keyword
                                keywords.add(PythonText.strip(Arguments.nonBlank(args, "keyword" + k)));
                            }
                            return text -> keywordsMultiple(text, keywords);
                        }));
    }

    static Finding wordCountRange(String text, long min, long max) {
        int words = PythonText.countWords(text);
        String required = "between " + min + " and " + max;
        String hint = words < min ? "Write at least " + min + " words; the response has " + words + ": add "
                + (min - words) + "." : "Write at most " + max + " words; the response has " + words + ": remove "
                + (words - max) + ".";
        return Finding.of(min <= words && words <= max, words + " words", required, hint);
    }

    static Finding uniqueWords(String text, long n) {
        Set<String> unique = new LinkedHashSet<>();
        for (String word : PythonText.split(PythonText.lower(text))) {
            // a pure-punctuation token strips to '' and counts as one word: the reference's behaviour
            unique.add(IfbenchText.stripPunct(word));
        }
        return Finding.of(unique.size() >= n, unique.size() + " unique words", "at least " + n,
                "Use at least " + n + " different words; the response has " + unique.size() + ": add "
                        + (n - unique.size()) + " new ones.");
    }

    static Finding conjunctions(String text, long n) {
        // the raw tokens are deduplicated, so 'and', 'And' and 'and,' count as three: the reference's behaviour
        Set<String> found = new LinkedHashSet<>();
        for (String word : PythonText.split(text)) {
            if (CONJUNCTIONS.contains(PythonText.lower(IfbenchText.stripPunct(word)))) {
                found.add(word);
            }
        }
        return Finding.of(found.size() >= n, found.size() + " different conjunction tokens", "at least " + n,
                "Use at least " + n + " different coordinating conjunctions (and, but, for, nor, or, so, yet); the "
                        + "response has " + found.size() + ".");
    }

    static Finding personNames(String text, long n) {
        // every name is all word characters, so r'\bName\b' matches exactly where a run of \w is the name: one
        // scan of the runs instead of 50 searches
        Set<String> runs = new HashSet<>(IfbenchText.wordRuns(text));
        List<String> found = PERSON_NAMES.stream().filter(runs::contains).toList();
        return Finding.of(found.size() >= n, found.size() + " listed names", "at least " + n,
                "Mention at least " + n + " different names from the list (Emma, Liam, Sophia, ...); the response "
                        + "has " + found.size() + ": add " + (n - found.size()) + ".");
    }

    static Finding numbers(String text, long n) {
        // punctuation is deleted first, so 3.14, 1,000 and 2024-05-06 are one number each
        Matcher digits = Pattern.compile("\\p{Nd}+").matcher(IfbenchText.deletePunct(text));
        int count = 0;
        while (digits.find()) {
            count++;
        }
        String fix = count > n ? "remove " + (count - n) : "add " + (n - count);
        return Finding.of(count == n, count + " numbers", "exactly " + n,
                "Include exactly " + n + " numbers (digit runs); the response has " + count + ": " + fix + ".");
    }

    static Finding punctuation(String text) {
        if (!(text.contains("!?") || text.contains("?!") || text.contains("‽"))) {
            return Finding.fail("no interrobang", "an interrobang and each of . , ! ? ; :",
                    "Use an interrobang ('?!', '!?' or '‽') and each of . , ! ? ; : at least once.");
        }
        String rest = text.replaceFirst("\\?!", "");
        if (rest.length() == text.length()) {
            rest = text.replaceFirst("!\\?", "");
        }
        StringBuilder missing = new StringBuilder();
        for (char mark : ".,!?;:".toCharArray()) {
            if (rest.indexOf(mark) < 0) {
                missing.append(missing.isEmpty() ? "" : " ").append(mark);
            }
        }
        return Finding.of(missing.isEmpty(), missing.isEmpty() ? "every mark" : "missing " + missing,
                "an interrobang and each of . , ! ? ; :",
                "Use each of these marks at least once besides the interrobang: " + missing + ".");
    }

    static Finding japanese(String text, long n) {
        List<Word> words = Word.split(text, UnaryOperator.identity());
        for (int i = 0; i < words.size(); i++) {
            String word = IfbenchText.stripPunct(words.get(i).text());
            if ((i + 1) % n == 0 && !word.isEmpty() && !IfbenchText.isDigits(word) && !isJapanese(word)) {
                return Finding.fail("word " + (i + 1) + " " + Hints.quote(word) + " is not Japanese",
                        "every " + n + "th word in Japanese",
                        "Make every " + n + "th word Japanese (hiragana, katakana or kanji); word " + (i + 1) + " "
                                + Hints.quote(word) + " is not.",
                        List.of(words.get(i).evidence("word " + (i + 1) + " is not Japanese")));
            }
        }
        return Finding.pass("every " + n + "th word Japanese", "every " + n + "th word in Japanese");
    }

    private static boolean isJapanese(String word) {
        return word.chars().anyMatch(c -> (c >= 0x3040 && c <= 0x30FF) || (c >= 0x4E00 && c <= 0x9FFF));
    }

    static Finding pronouns(String text, long n) {
        long count = IfbenchText.wordTokens(PythonText.lower(text.replace('/', ' '))).stream()
                .filter(PRONOUNS::contains).count();
        return Finding.of(count >= n, count + " pronouns", "at least " + n,
                "Use at least " + n + " pronouns; the response has " + count + ": add " + (n - count) + ".");
    }

    static Finding keywordsMultiple(String text, List<String> keywords) {
        String lower = PythonText.lower(text);
        List<String> wrong = new ArrayList<>();
        List<String> measured = new ArrayList<>();
        for (int k = 0; k < keywords.size(); k++) {
            int count = IfbenchText.occurrences(lower, PythonText.lower(keywords.get(k)));
            measured.add(Hints.quote(keywords.get(k)) + " " + count);
            if (count != KEYWORD_COUNTS[k]) {
                wrong.add(Hints.quote(keywords.get(k)) + " " + KEYWORD_COUNTS[k] + " times (now " + count + ")");
            }
        }
        return Finding.of(wrong.isEmpty(), String.join(", ", measured), "1, 2, 3, 5 and 7 occurrences",
                "Use " + String.join(", ", wrong) + "; occurrences count as substrings, case-insensitive.");
    }
}
