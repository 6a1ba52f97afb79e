package io.trace2train.verifiers.ifbench;

import static io.trace2train.verifiers.ifbench.Arguments.count;
import static io.trace2train.verifiers.ifbench.Arguments.integer;
import static io.trace2train.verifiers.ifbench.Arguments.string;

import io.trace2train.api.text.PythonText;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;

/** The {@code ratio:*} checks. */
final class RatioChecks {

    private RatioChecks() {
    }

    static List<IfbenchVerifierFactory> factories() {
        return List.of(
                IfbenchVerifierFactory.of("ratio:stop_words",
                        "Stop words must make up no more than percentage% of the words.",
                        List.of(integer("percentage", "the largest share of stop words, in percent")),
                        args -> {
                            long percentage = count(args, "percentage");
                            return text -> stopWords(text, percentage);
                        }),
                IfbenchVerifierFactory.fixed("ratio:sentence_type",
                        "Maintain a 2:1 ratio of declarative to interrogative sentences.", RatioChecks::sentenceType),
                IfbenchVerifierFactory.fixed("ratio:sentence_balance",
                        "Use as many declarative as interrogative and exclamatory sentences.",
                        RatioChecks::sentenceBalance),
                IfbenchVerifierFactory.of("ratio:overlap",
                        "Keep a character-trigram overlap of percentage% (±2%) with the reference text.",
                        List.of(string("reference_text", "the text to overlap with"),
                                integer("percentage", "the overlap, in percent of the response's trigrams")),
                        args -> {
                            String reference = args.string("reference_text");
                            long percentage = count(args, "percentage");
                            long[] referenceTrigrams = trigrams(reference);
                            return text -> overlap(text, referenceTrigrams, percentage);
                        }),
                IfbenchVerifierFactory.fixed("ratio:sentence_words",
                        "Respond with three sentences, all of the same number of characters.",
                        RatioChecks::sentenceWords));
    }

    static Finding stopWords(String text, long percentage) {
        List<String> words = IfbenchText.wordRuns(text);
        if (words.isEmpty()) {
            return Finding.fail("no words", "at most " + percentage + "% stop words", "Write some words.");
        }
        long stop = words.stream().filter(w -> ReferenceData.StopWords.ENGLISH.contains(PythonText.lower(w)))
                .count();
        // (num_stopwords / num_words) * 100 in that order, as the reference rounds it
        double share = (double) stop / words.size() * 100;
        return Finding.of(share <= percentage, String.format(java.util.Locale.ROOT, "%.1f%% stop words (%d of %d)",
                share, stop, words.size()), "at most " + percentage + "%",
                "Use fewer stop words (the, a, is, of, ...): at most " + percentage + "% of the words.");
    }

    /** How many sentences end with '.', '?' and '!' ({@code ."} and {@code .)} end with neither). */
    private static int[] endings(String text) {
        int[] ends = new int[3];
        for (String sentence : IfbenchText.sentences(text)) {
            if (sentence.endsWith(".")) {
                ends[0]++;
            } else if (sentence.endsWith("?")) {
                ends[1]++;
            } else if (sentence.endsWith("!")) {
                ends[2]++;
            }
        }
        return ends;
    }

    static Finding sentenceType(String text) {
        int[] ends = endings(text);
        return Finding.of(ends[0] == 2 * ends[1], ends[0] + " ending '.', " + ends[1] + " ending '?'",
                "twice as many '.' as '?' sentences",
                "Write exactly two declarative sentences (ending '.') per question (ending '?'); the response has "
                        + ends[0] + " and " + ends[1] + ".");
    }

    static Finding sentenceBalance(String text) {
        int[] ends = endings(text);
        boolean balanced = ends[0] == ends[1] && ends[1] == ends[2];
        return Finding.of(balanced, ends[0] + " '.', " + ends[1] + " '?', " + ends[2] + " '!' sentences",
                "equal numbers", "End as many sentences with '.' as with '?' and with '!'; the response has "
                        + ends[0] + ", " + ends[1] + " and " + ends[2] + ".");
    }

    /**
     * The set of 3-code-point windows ({@code set(nltk.ngrams(text, 3))}), each packed into a long (21 bits a code
     * point), sorted and distinct.
     */
    static long[] trigrams(String text) {
        int[] cps = text.codePoints().toArray();
        if (cps.length < 3) {
            return new long[0];
        }
        long[] trigrams = new long[cps.length - 2];
        for (int i = 0; i < trigrams.length; i++) {
            trigrams[i] = ((long) cps[i] << 42) | ((long) cps[i + 1] << 21) | cps[i + 2];
        }
        return LongStream.of(trigrams).sorted().distinct().toArray();
    }

    static Finding overlap(String text, long[] reference, long percentage) {
        long[] own = trigrams(text);
        if (own.length == 0) {
            return Finding.fail("no trigrams", percentage + "% ± 2%", "Write a longer response.");
        }
        long shared = LongStream.of(own).filter(t -> Arrays.binarySearch(reference, t) >= 0).count();
        double share = (double) shared / own.length * 100;
        String hint = share < percentage - 2 ? "Reuse more of the reference text's wording."
                : "Reuse less of the reference text's wording.";
        return Finding.of(percentage - 2 <= share && share <= percentage + 2,
                String.format(java.util.Locale.ROOT, "%.1f%% trigram overlap", share), percentage + "% ± 2%",
                hint + " The character-trigram overlap must be " + percentage + "% ± 2%.");
    }

    static Finding sentenceWords(String text) {
        List<String> sentences = IfbenchText.sentences(text);
        if (sentences.size() != 3) {
            return Finding.fail(sentences.size() + " sentences", "3 sentences of equal length",
                    "Write exactly 3 sentences, each with the same number of characters.");
        }
        List<Integer> lengths = sentences.stream().map(s -> IfbenchText.length(PythonText.strip(s))).toList();
        boolean equal = lengths.stream().distinct().count() == 1;
        return Finding.of(equal, "sentence lengths " + lengths, "3 sentences of equal length",
                "Make the 3 sentences the same number of characters; they have " + lengths + ".");
    }
}
