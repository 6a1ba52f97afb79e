package io.trace2train.verifiers.ifbench;

import static io.trace2train.verifiers.ifbench.Arguments.count;
import static io.trace2train.verifiers.ifbench.Arguments.integer;
import static io.trace2train.verifiers.ifbench.Arguments.positive;
import static io.trace2train.verifiers.ifbench.Arguments.string;

import io.trace2train.api.text.PythonText;
import io.trace2train.verifiers.text.Hints;
import io.trace2train.verifiers.text.PythonRegex;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The {@code sentence:*} checks. */
final class SentenceChecks {

    private SentenceChecks() {
    }

    static List<IfbenchVerifierFactory> factories() {
        return List.of(
                IfbenchVerifierFactory.fixed("sentence:alliteration_increment",
                        "Each sentence must have a longer run of alliterative words than the previous one.",
                        SentenceChecks::alliterationIncrement),
                IfbenchVerifierFactory.of("sentence:keyword", "The response must include keyword word in the N-th "
                        + "sentence.",
                        List.of(string("word", "the keyword"), integer("N", "the sentence, from 1")),
                        args -> {
                            String word = Arguments.nonBlank(args, "word");
                            long n = positive(args, "N");
                            // r'\b{}\b'.format(re.escape(word)) with re.IGNORECASE
                            String boundary = PythonRegex.translate("\\b");
                            Pattern pattern = Pattern.compile(boundary + Pattern.quote(word) + boundary,
                                    PythonRegex.IGNORECASE | Pattern.UNIX_LINES);
                            return text -> keyword(text, word, pattern, n);
                        }),
                IfbenchVerifierFactory.of("sentence:increment",
                        "Each sentence must contain exactly small_n more words than the previous one.",
                        List.of(integer("small_n", "the increment")),
                        args -> {
                            long n = count(args, "small_n");
                            return text -> increment(text, n);
                        }));
    }

    static Finding alliterationIncrement(String text) {
        List<Integer> scores = new ArrayList<>();
        int previous = -1;
        for (String sentence : IfbenchText.sentences(text)) {
            List<String> words = new ArrayList<>();
            for (String word : PythonText.split(PythonText.lower(sentence))) {
                String clean = PythonText.lstrip(word, IfbenchText.PUNCT_SPACE);
                if (!clean.isEmpty()) {
                    words.add(clean);
                }
            }
            // +2 when a run of equal first letters starts, +1 for each word that continues it
            int score = 0;
            boolean inRun = false;
            for (int i = 0; i + 1 < words.size(); i++) {
                if (words.get(i).codePointAt(0) == words.get(i + 1).codePointAt(0)) {
                    score += inRun ? 1 : 2;
                    inRun = true;
                } else {
                    inRun = false;
                }
            }
            scores.add(score);
            if (score <= previous) {
                return Finding.fail("alliteration scores " + scores, "strictly increasing per sentence",
                        "Give sentence " + scores.size() + " a longer run of words with the same first letter than "
                                + "the sentence before.");
            }
            previous = score;
        }
        return Finding.pass("alliteration scores " + scores, "strictly increasing per sentence");
    }

    static Finding keyword(String text, String word, Pattern pattern, long n) {
        List<String> sentences = IfbenchText.sentences(text);
        String required = Hints.quote(word) + " in sentence " + n;
        if (sentences.size() < n) {
            return Finding.fail(sentences.size() + " sentences", required,
                    "Write at least " + n + " sentences and use " + Hints.quote(word) + " in sentence " + n + ".");
        }
        return Finding.of(pattern.matcher(sentences.get((int) n - 1)).find(), sentences.size() + " sentences",
                required, "Use the word " + Hints.quote(word) + " in sentence " + n + ".");
    }

    static Finding increment(String text, long n) {
        List<String> sentences = IfbenchText.sentences(text);
        List<Integer> counts = new ArrayList<>();
        for (String sentence : sentences) {
            counts.add(PythonText.split(PythonText.strip(IfbenchText.deletePunct(sentence))).size());
        }
        String required = "each sentence " + n + " words longer";
        if (counts.isEmpty()) {
            // the reference raises IndexError here; the harness never passes it a blank response
            return Finding.fail("no sentences", required, "Write sentences.");
        }
        for (int i = 1; i < counts.size(); i++) {
            if (counts.get(i) != counts.get(i - 1) + n) {
                return Finding.fail("word counts " + counts, required, "Sentence " + (i + 1) + " must have exactly "
                        + (counts.get(i - 1) + n) + " words (" + n + " more than sentence " + i + "); it has "
                        + counts.get(i) + ".");
            }
        }
        return Finding.pass("word counts " + counts, required);
    }
}
