package io.trace2train.verifiers.ifeval.keywords;

import io.trace2train.api.param.ParameterSpec;
import io.trace2train.api.param.ParameterType;
import io.trace2train.api.param.VerifierArguments;
import io.trace2train.api.verify.Evidence;
import io.trace2train.api.verify.Verdict;
import io.trace2train.api.verify.VerifierFactory;
import io.trace2train.verifiers.text.Hints;
import io.trace2train.verifiers.text.CheckArguments;
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

    /** A word made only of these is a literal, and the bare literal can be looked for first. */
    private static final Pattern LITERAL = Pattern.compile("[\\p{L}\\p{N}_ '-]+");

    private final List<String> words;
    private final List<Pattern> patterns;
    /**
     * Per word, the bare literal (null for a word that is a real regex). Python's {@code \b} becomes lookarounds
     * that the regex engine tries at every position; a text that does not contain the word at all, the usual case,
     * is ruled out far faster by the bare literal, and {@code \bword\b} can only match where the word occurs.
     */
    private final List<Pattern> prefilters;
    private final String required;

    private ForbiddenWords(List<String> words, List<Pattern> patterns) {
        super(ID);
        this.words = words;
        this.patterns = patterns;
        this.prefilters = words.stream()
                .map(word -> LITERAL.matcher(word).matches()
                        ? Pattern.compile(Pattern.quote(word), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
                        : null)
                .toList();
        this.required = "none of " + Hints.quoteAll(words);
    }

    private static ForbiddenWords create(VerifierArguments args) {
        // the reference deduplicates (and sorts, which changes nothing)
        List<String> words = List.copyOf(new LinkedHashSet<>(args.stringList("forbidden_words")));
        return new ForbiddenWords(words, CheckArguments.regexList(args, "forbidden_words", words,
                word -> "\\b" + word + "\\b", PythonRegex.IGNORECASE));
    }

    @Override
    protected Verdict judge(String response) {
        for (int i = 0; i < patterns.size(); i++) {
            Pattern prefilter = prefilters.get(i);
            if ((prefilter == null || PythonRegex.find(prefilter, response))
                    && PythonRegex.find(patterns.get(i), response)) {
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
