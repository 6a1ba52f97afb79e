package io.trace2train.verifiers.ifeval.length;

import io.trace2train.api.param.ParameterSpec;
import io.trace2train.api.param.ParameterType;
import io.trace2train.api.param.VerifierArguments;
import io.trace2train.api.text.PythonText;
import io.trace2train.api.verify.Evidence;
import io.trace2train.api.verify.Verdict;
import io.trace2train.api.verify.VerifierFactory;
import io.trace2train.verifiers.ifeval.CountRule;
import io.trace2train.verifiers.text.Hints;
import io.trace2train.verifiers.text.CheckArguments;
import io.trace2train.verifiers.ifeval.IfevalVerifier;
import io.trace2train.verifiers.ifeval.IfevalVerifierFactory;
import io.trace2train.verifiers.ifeval.Noun;
import io.trace2train.verifiers.text.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code length_constraints:nth_paragraph_first_word}: exactly N paragraphs separated by {@code "\n\n"}, and
 * paragraph n starts with the given word.
 *
 * <p>Reference quirks kept: the split is literal and left to right ({@code "\n\n\n"} leaves a part starting with
 * {@code "\n"}); blank parts are not counted wherever they are, yet paragraph n is indexed in the unfiltered list,
 * so a blank part there fails. The first word is the first whitespace token, with leading {@code '} then {@code "}
 * removed, cut at the first of {@code . , ? ! ' "}, lowercased ({@code "**Hello**"} stays {@code "**hello**"}).
 */
final class NthParagraphFirstWord extends IfevalVerifier {

    static final String ID = "length_constraints:nth_paragraph_first_word";

    static final VerifierFactory FACTORY = IfevalVerifierFactory.of(ID,
            "Write exactly `num_paragraphs` paragraphs separated by blank lines; paragraph `nth_paragraph` starts"
                    + " with `first_word`.",
            List.of(ParameterSpec.required("num_paragraphs", ParameterType.INTEGER, "the number of paragraphs"),
                    ParameterSpec.required("nth_paragraph", ParameterType.INTEGER,
                            "which paragraph (1-based) must start with the word"),
                    ParameterSpec.required("first_word", ParameterType.STRING, "the word it starts with")),
            NthParagraphFirstWord::create);

    private static final Pattern SEPARATOR = Pattern.compile("\n\n", Pattern.LITERAL);
    private static final String CUT_AT = ".,?!'\"";
    private static final Noun PARAGRAPHS = new Noun("paragraph", "paragraphs", " separated by blank lines ('\\n\\n')");

    private final CountRule rule;
    private final int nth;
    private final String firstWord;
    private final String required;

    private NthParagraphFirstWord(CountRule rule, int nth, String firstWord) {
        super(ID);
        this.rule = rule;
        this.nth = nth;
        this.firstWord = firstWord;
        this.required = rule.describe() + " paragraphs; paragraph " + nth + " starts with " + Hints.quote(firstWord);
    }

    private static NthParagraphFirstWord create(VerifierArguments args) {
        long paragraphs = CheckArguments.count(args, "num_paragraphs");
        long nth = CheckArguments.count(args, "nth_paragraph");
        // the reference picks a random paragraph when nth is out of range; reject it instead
        if (nth < 1 || nth > paragraphs) {
            throw args.invalid("nth_paragraph", "must be between 1 and num_paragraphs (" + paragraphs + "), got "
                    + nth);
        }
        String word = PythonText.lower(CheckArguments.nonBlank(args, "first_word"));
        return new NthParagraphFirstWord(CountRule.exactly(paragraphs), (int) nth, word);
    }

    @Override
    protected Verdict judge(String response) {
        List<Span> parts = Span.split(SEPARATOR, response);
        int count = 0;
        for (Span part : parts) {
            if (!part.isBlank(response)) {
                count++;
            }
        }
        if (nth > count) {
            return fail(PARAGRAPHS.count(count), required, rule.hint(PARAGRAPHS, count), List.of());
        }
        Span paragraph = parts.get(nth - 1).strip(response);
        if (paragraph.isEmpty()) {
            return blankParagraph(response, parts, count);
        }
        Span token = firstToken(response, paragraph);
        String word = firstWord(token.in(response));
        boolean countOk = rule.holds(count);
        boolean wordOk = word.equals(firstWord);
        String measured = PARAGRAPHS.count(count) + "; paragraph " + nth + " starts with " + Hints.quote(word);
        if (countOk && wordOk) {
            return pass(measured, required);
        }
        List<String> hints = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        if (!countOk) {
            hints.add(rule.hint(PARAGRAPHS, count));
            if (rule.tooMany(count)) {
                evidence.addAll(Paragraphs.extra(rule, response, parts));
            }
        }
        if (!wordOk) {
            hints.add("Start paragraph " + nth + " with the word " + Hints.quote(firstWord) + " instead of "
                    + Hints.quote(token.in(response)) + ".");
            evidence.add(token.evidence("first word of paragraph " + nth));
        }
        evidence.sort(Comparator.comparingInt(Evidence::start));
        return fail(measured, required, String.join(" ", hints), evidence);
    }

    private Verdict blankParagraph(String response, List<Span> parts, int count) {
        // the blank part and the separators around it: the extra blank line to remove
        Span part = parts.get(nth - 1);
        Span gap = new Span(Math.max(part.start() - 2, 0), Math.min(part.end() + 2, response.length()));
        return fail(PARAGRAPHS.count(count) + "; paragraph " + nth + " is empty", required,
                "Separate paragraphs by exactly one blank line: an extra blank line leaves paragraph " + nth
                        + " empty.", List.of(gap.evidence("extra blank line")));
    }

    /** The first whitespace-separated token of a stripped, non-empty paragraph: {@code paragraph.split()[0]}. */
    private static Span firstToken(String response, Span paragraph) {
        int end = paragraph.start();
        while (end < paragraph.end() && !PythonText.isSpace(response.charAt(end))) {
            end++;
        }
        return new Span(paragraph.start(), end);
    }

    /** The reference's word normalisation of a token. */
    private static String firstWord(String token) {
        String word = PythonText.lstrip(PythonText.lstrip(token, "'"), "\"");
        StringBuilder first = new StringBuilder();
        for (int i = 0; i < word.length(); ) {
            int c = word.codePointAt(i);
            if (CUT_AT.indexOf(c) >= 0) {
                break;
            }
            first.append(PythonText.lower(Character.toString(c))); // per char, as the reference does
            i += Character.charCount(c);
        }
        return first.toString();
    }
}
