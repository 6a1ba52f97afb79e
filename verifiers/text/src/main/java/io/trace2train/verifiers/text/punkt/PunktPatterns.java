package io.trace2train.verifiers.text.punkt;

import io.trace2train.api.text.PythonText;
import java.util.regex.Pattern;

/**
 * The regular expressions of NLTK 3.8's default {@code PunktLanguageVars}, translated from Python: {@code \s} and
 * {@code \S} become {@link PythonText#SPACE_CLASS} and its complement, and {@code UNIX_LINES} keeps {@code $} to
 * Python's meaning (end of input, or before a final "\n" only).
 */
final class PunktPatterns {

    private static final String SPACE = PythonText.SPACE_CLASS;
    private static final String NON_SPACE = PythonText.NON_SPACE_CLASS;

    /** Characters that cannot appear inside a word: {@code )";}]*:@'({[} and the sentence ends other than ".". */
    private static final String NON_WORD = "[)\";}\\]*:@'({\\[?!]";
    /** Dashes and ellipses are one token: {@code --}, {@code ...}, {@code . . .}. */
    private static final String MULTI_CHAR_PUNCT = "(?:-{2,}|\\.{2,}|(?:\\." + SPACE + "){2,}\\.)";
    /** Characters that cannot start a word token. */
    private static final String WORD_START = "[^(\"`{\\[:;&#*@)}\\]\\-,]";

    /**
     * A possible sentence end {@code [.?!]}, looking ahead at what follows: group 1 ({@code after_tok}) is either one
     * non-word character or whitespace and the next token, whose start group 2 ({@code next_tok}) marks.
     */
    static final Pattern PERIOD_CONTEXT = Pattern.compile(
            "[.?!](?=(" + NON_WORD + "|" + SPACE + "+(" + NON_SPACE + "+)))");
    static final int AFTER_TOKEN = 1;
    static final int NEXT_TOKEN = 2;

    /**
     * Punkt's word tokenizer, used only on single lines: a multi-character punctuation mark, or a word that runs
     * (lazily) up to whitespace, the line end, a non-word character, a multi-character mark or a word-final comma,
     * or else any single non-space character. Periods stay attached to words.
     */
    static final Pattern WORD = Pattern.compile(
            MULTI_CHAR_PUNCT
                    + "|(?=" + WORD_START + ")" + NON_SPACE + "+?"
                    + "(?=" + SPACE + "|$|" + NON_WORD + "|" + MULTI_CHAR_PUNCT
                    + "|,(?=$|" + SPACE + "|" + NON_WORD + "|" + MULTI_CHAR_PUNCT + "))"
                    + "|" + NON_SPACE,
            Pattern.UNIX_LINES);

    /**
     * Closing quotes or brackets right after a sentence break, which belong to the sentence before; group 1 is the
     * punctuation without the whitespace after it. Python's {@code re.MULTILINE}.
     */
    static final Pattern BOUNDARY_REALIGNMENT = Pattern.compile(
            "([\"')\\]}]+?)(?:" + SPACE + "+|(?=--)|$)", Pattern.MULTILINE | Pattern.UNIX_LINES);

    private PunktPatterns() {
    }
}
