package io.trace2train.verifiers.ifeval.keywords;

import io.trace2train.api.verify.Evidence;
import io.trace2train.api.verify.ParameterSpec;
import io.trace2train.api.verify.ParameterType;
import io.trace2train.api.verify.Verdict;
import io.trace2train.api.verify.VerifierArguments;
import io.trace2train.api.verify.VerifierFactory;
import io.trace2train.verifiers.ifeval.Hints;
import io.trace2train.verifiers.ifeval.IfevalArguments;
import io.trace2train.verifiers.ifeval.IfevalVerifier;
import io.trace2train.verifiers.ifeval.IfevalVerifierFactory;
import io.trace2train.verifiers.text.PythonRegex;
import io.trace2train.verifiers.text.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code keywords:forbidden_words}: no word occurs as {@code \bword\b}, case-insensitively, the word being a raw regex
 * with Python's Unicode {@code \b} ({@code "ink"} is not found in {@code "Thinking"} but is in {@code "INK-jet"}).
 */
final class ForbiddenWords extends IfevalVerifier {

    static final String ID = "keywords:forbidden_words";

    static final VerifierFactory FACTORY = IfevalVerifierFactory.of(ID,
            "Do not use any of the words (case-insensitive regular expressions matched as whole words).",
            List.of(ParameterSpec.required("forbidden_words", ParameterType.STRING_LIST,
                    "the forbidden words, each a regular expression")),
            ForbiddenWords::create);

    private final List<String> words;
    private final List<Pattern> patterns;
    private final String required;

    private ForbiddenWords(List<String> words, List<Pattern> patterns) {
        super(ID);
        this.words = words;
        this.patterns = patterns;
        this.required = "none of " + Hints.quoteAll(words);
    }

    private static ForbiddenWords create(VerifierArguments args) {
        // the reference deduplicates (and sorts, which changes nothing)
        List<String> words = List.copyOf(new LinkedHashSet<>(args.stringList("forbidden_words")));
        return new ForbiddenWords(words, IfevalArguments.regexList(args, "forbidden_words", words,
                word -> "\\b" + word + "\\b", PythonRegex.IGNORECASE));
    }

    @Override
    public Verdict check(String response) {
        for (Pattern pattern : patterns) {
            if (pattern.matcher(response).find()) {
                return used(response);
            }
        }
        return pass("no forbidden word used", required);
    }

    private Verdict used(String response) {
        List<String> used = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        for (int i = 0; i < patterns.size(); i++) {
            List<Span> occurrences = Span.findAll(patterns.get(i), response);
            if (!occurrences.isEmpty()) {
                String word = Hints.quote(words.get(i));
                used.add(word + " (" + occurrences.size() + "×)");
                occurrences.forEach(span -> evidence.add(span.evidence("forbidden word " + word)));
            }
        }
        evidence.sort(Comparator.comparingInt(Evidence::start));
        String uses = String.join(", ", used);
        return fail("uses " + uses, required,
                "Remove or reword every use of " + uses + "; these words are forbidden in any letter case.",
                evidence);
    }
}
