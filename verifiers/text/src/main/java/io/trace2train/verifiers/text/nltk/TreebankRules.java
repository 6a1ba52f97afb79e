package io.trace2train.verifiers.text.nltk;

import static java.util.Objects.requireNonNull;

import io.trace2train.api.text.PythonText;
import io.trace2train.verifiers.text.CheckBudget;
import io.trace2train.verifiers.text.PythonRegex;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rewrite rules of NLTK 3.8's {@code NLTKWordTokenizer.tokenize} (the improved Treebank tokenizer), in their
 * order, translated from Python: {@code \s}, {@code \w} and {@code \b} use Python's Unicode classes, {@code (?i)}
 * is Unicode case folding, and {@code UNIX_LINES} keeps {@code $} to "end, or before a final \n". Replacements pad
 * the pieces to split with spaces; the caller splits the result on whitespace.
 */
final class TreebankRules {

    private static final String SPACE = PythonText.SPACE_CLASS;
    private static final String WORD = PythonText.WORD_CLASS;
    /** Python's {@code \b} before a word character. */
    private static final String WORD_START = "(?<!" + WORD + ")";
    /** Python's {@code \b} after a word character. */
    private static final String WORD_END = "(?!" + WORD + ")";

    /**
     * One {@code re.sub}: the pattern, its replacement in Java syntax ({@code $1}, {@code $0}), the trigger chars of
     * which every match contains one, and the lead: how many chars at most a match starts before its first trigger.
     * Most rules match nothing in most sentences, so a char scan for the first trigger either skips the rule or
     * starts the search just before it.
     */
    private record Rewrite(Pattern pattern, String replacement, String triggers, int lead) {
        Rewrite {
            requireNonNull(pattern, "pattern");
            requireNonNull(replacement, "replacement");
            requireNonNull(triggers, "triggers");
        }

        static Rewrite of(String regex, String replacement, String triggers, int lead) {
            return new Rewrite(Pattern.compile(regex, Pattern.UNIX_LINES), replacement, triggers, lead);
        }

        String apply(String text) {
            int first = firstTrigger(text);
            if (first < 0) {
                return text;
            }
            // No match can start earlier, so searching from here finds what Python's sub finds from 0. Transparent,
            // non-anchoring bounds keep ^, $ and lookarounds seeing the whole text.
            Matcher matcher = pattern.matcher(CheckBudget.guard(text))
                    .useTransparentBounds(true)
                    .useAnchoringBounds(false)
                    .region(Math.max(0, first - lead), text.length());
            if (!matcher.find()) {
                return text;
            }
            StringBuilder result = new StringBuilder(text.length() + 16);
            do {
                matcher.appendReplacement(result, replacement);
            } while (matcher.find());
            return matcher.appendTail(result).toString();
        }

        private int firstTrigger(String text) {
            int first = -1;
            for (int i = 0; i < triggers.length(); i++) {
                int at = text.indexOf(triggers.charAt(i));
                if (at >= 0 && (first < 0 || at < first)) {
                    first = at;
                }
            }
            return first;
        }
    }

    /** Rules before the text is padded with a space at each end. */
    private static final List<Rewrite> BEFORE_PADDING = List.of(
            // STARTING_QUOTES
            Rewrite.of("([«“‘„]|`+)", " $1 ", "«“‘„`", 0),
            Rewrite.of("^\"", "``", "\"", 0),
            Rewrite.of("(``)", " $1 ", "`", 0),
            Rewrite.of("([ (\\[{<])(\"|'{2})", "$1 `` ", "\"'", 1),
            Rewrite.of("(?iu)(')(?!re|ve|ll|m|t|s|d|n)(" + WORD + ")" + WORD_END, "$1 $2", "'", 0),
            // PUNCTUATION
            Rewrite.of("([^.])(\\.)([\\])}>\"'»”’ ]*)" + SPACE + "*$", "$1 $2 $3 ", ".", 1),
            Rewrite.of("([:,])([^\\p{Nd}])", " $1 $2", ":,", 0),
            Rewrite.of("([:,])$", " $1 ", ":,", 0),
            Rewrite.of("\\.{2,}", " $0 ", ".", 0),
            Rewrite.of("[;@#$%&]", " $0 ", ";@#$%&", 0),
            Rewrite.of("([^.])(\\.)([\\])}>\"']*)" + SPACE + "*$", "$1 $2$3 ", ".", 1),
            Rewrite.of("[?!]", " $0 ", "?!", 0),
            Rewrite.of("([^'])' ", "$1 ' ", "'", 1),
            Rewrite.of("[*]", " $0 ", "*", 0),
            // PARENS_BRACKETS (no conversion to -LRB- and friends)
            Rewrite.of("[\\]\\[(){}<>]", " $0 ", "[](){}<>", 0),
            // DOUBLE_DASHES
            Rewrite.of("--", " -- ", "-", 0));

    /** ENDING_QUOTES, applied after padding. */
    private static final List<Rewrite> ENDING_QUOTES = List.of(
            Rewrite.of("([»”’])", " $1 ", "»”’", 0),
            Rewrite.of("''", " '' ", "'", 0),
            Rewrite.of("\"", " '' ", "\"", 0),
            Rewrite.of("([^' ])('[sS]|'[mM]|'[dD]|') ", "$1 $2 ", "'", 1),
            Rewrite.of("([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) ", "$1 $2 ", "'", 2));

    /**
     * A MacIntyre contraction that NLTK splits in two ({@code (?i)}, replaced by {@code " \1 \2 "}), with a clue: a
     * lower-case literal that any match contains. Clues avoid {@code i}, {@code s} and {@code k}, which other code
     * points case-fold to, so a match implies the clue in the lower-cased text.
     */
    private record Contraction(Pattern pattern, String clue) {
        Contraction {
            requireNonNull(pattern, "pattern");
            requireNonNull(clue, "clue");
        }

        static Contraction of(String regex, String clue) {
            return new Contraction(Pattern.compile(regex, PythonRegex.IGNORECASE | Pattern.UNIX_LINES), clue);
        }

        String apply(String text, String lowerCase) {
            return lowerCase.contains(clue) ? pattern.matcher(CheckBudget.guard(text)).replaceAll(" $1 $2 ") : text;
        }
    }

    /** CONTRACTIONS2 and CONTRACTIONS3 (Python writes (?#X) comments between the groups; Java has none). */
    private static final List<Contraction> CONTRACTIONS = List.of(
            Contraction.of(WORD_START + "(can)(not)" + WORD_END, "cannot"),
            Contraction.of(WORD_START + "(d)('ye)" + WORD_END, "d'ye"),
            Contraction.of(WORD_START + "(gim)(me)" + WORD_END, "mme"),
            Contraction.of(WORD_START + "(gon)(na)" + WORD_END, "gonna"),
            Contraction.of(WORD_START + "(got)(ta)" + WORD_END, "gotta"),
            Contraction.of(WORD_START + "(lem)(me)" + WORD_END, "lemme"),
            Contraction.of(WORD_START + "(more)('n)" + WORD_END, "more'n"),
            Contraction.of(WORD_START + "(wan)(na)(?=" + SPACE + ")", "wanna"),
            Contraction.of(" ('t)(is)" + WORD_END, "'t"),
            Contraction.of(" ('t)(was)" + WORD_END, "'twa"));

    private TreebankRules() {
    }

    /** The sentence with every rule applied; its whitespace-separated parts are the tokens. */
    static String apply(String sentence) {
        String text = sentence;
        for (Rewrite rule : BEFORE_PADDING) {
            text = rule.apply(text);
        }
        text = " " + text + " ";
        for (Rewrite rule : ENDING_QUOTES) {
            text = rule.apply(text);
        }
        // Contractions only insert spaces, so a clue absent before them stays absent: one lower-casing serves all.
        String lowerCase = PythonText.lower(text);
        for (Contraction contraction : CONTRACTIONS) {
            text = contraction.apply(text, lowerCase);
        }
        return text;
    }
}
