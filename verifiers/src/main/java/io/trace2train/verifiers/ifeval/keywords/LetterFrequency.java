package io.trace2train.verifiers.ifeval.keywords;

import io.trace2train.api.param.ParameterSpec;
import io.trace2train.api.param.ParameterType;
import io.trace2train.api.param.VerifierArguments;
import io.trace2train.api.text.PythonText;
import io.trace2train.api.verify.Evidence;
import io.trace2train.api.verify.VerifierFactory;
import io.trace2train.verifiers.ifeval.CountRule;
import io.trace2train.verifiers.ifeval.CountVerifier;
import io.trace2train.verifiers.text.Hints;
import io.trace2train.verifiers.text.CheckArguments;
import io.trace2train.verifiers.ifeval.IfevalVerifierFactory;
import io.trace2train.verifiers.ifeval.Noun;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code keywords:letter_frequency}: how often one character occurs in {@code response.lower()}, compared with
 * {@code let_relation}. The 2025 reference rule: the character is counted literally even when it is not a-z
 * ({@code "#"}, {@code "!"} occur in the data); it is stripped and lowercased at creation.
 */
final class LetterFrequency extends CountVerifier {

    static final String ID = "keywords:letter_frequency";

    static final VerifierFactory FACTORY = IfevalVerifierFactory.of(ID,
            "Use the letter (either case) fewer than / at least `let_frequency` times.",
            List.of(ParameterSpec.required("letter", ParameterType.STRING, "one character"),
                    ParameterSpec.required("let_frequency", ParameterType.INTEGER, "the number of occurrences"),
                    ParameterSpec.required("let_relation", ParameterType.RELATION, "how the count compares")),
            LetterFrequency::create);

    /** The lowercased character, a code point. */
    private final int letter;

    private LetterFrequency(int letter, CountRule rule, Noun noun) {
        super(ID, rule, noun);
        this.letter = letter;
    }

    private static LetterFrequency create(VerifierArguments args) {
        String given = args.string("letter");
        // the 2025 reference replaces an empty or longer "letter" with a random one; reject it instead
        if (PythonText.length(given) != 1) {
            throw args.invalid("letter", "must be exactly one character, got " + Hints.quote(given));
        }
        String letter = PythonText.lower(PythonText.strip(given));
        if (letter.isEmpty()) {
            throw args.invalid("letter", "must not be whitespace");
        }
        if (PythonText.length(letter) != 1) {
            // e.g. "İ".lower() is "i̇", two code points, which the reference's Counter lookup never finds
            throw args.invalid("letter", Hints.quote(given) + " lowercases to more than one character");
        }
        CountRule rule = CountRule.of(args.relation("let_relation"), CheckArguments.count(args, "let_frequency"));
        String quoted = Hints.quote(letter);
        return new LetterFrequency(letter.codePointAt(0), rule,
                new Noun("occurrence of the letter " + quoted, "occurrences of the letter " + quoted,
                        " (either case)"));
    }

    @Override
    protected int count(String response) {
        String lower = PythonText.lower(response);
        int count = 0;
        for (int i = 0; i < lower.length(); ) {
            int c = lower.codePointAt(i);
            if (c == letter) {
                count++;
            }
            i += Character.charCount(c);
        }
        return count;
    }

    /**
     * Each occurrence, as a range of the original response. Lowercasing may lengthen a char ("İ" becomes two), so
     * the lowercased text is walked in step with the original, one original code point at a time; the only
     * context-dependent mapping (final sigma) keeps the length.
     */
    @Override
    protected List<Evidence> excess(String response) {
        String lower = PythonText.lower(response);
        List<Evidence> evidence = new ArrayList<>();
        int at = 0;
        for (int i = 0; i < response.length(); ) {
            int c = response.codePointAt(i);
            int width = Character.charCount(c);
            int lowerWidth = PythonText.lower(response.substring(i, i + width)).length();
            if (lower.substring(at, Math.min(at + lowerWidth, lower.length())).indexOf(letter) >= 0) {
                evidence.add(new Evidence(i, i + width, "letter " + Hints.quote(Character.toString(letter))));
            }
            at += lowerWidth;
            i += width;
        }
        return rule().blame(evidence);
    }
}
