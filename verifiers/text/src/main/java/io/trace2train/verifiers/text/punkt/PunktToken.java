package io.trace2train.verifiers.text.punkt;

import io.trace2train.api.text.PythonText;
import java.util.regex.Pattern;

/**
 * One Punkt word token with the annotations that sentence boundary detection gives it (NLTK's {@code PunktToken}).
 * Mutable: the two annotation passes set {@link #sentbreak}, {@link #abbr} and {@link #ellipsis}. Lives only
 * inside one call.
 */
final class PunktToken {

    /** Number-like tokens share one type; Python {@code ^-?[\.,]?\d[\d,\.-]*\.?$} on a token without "\n". */
    private static final Pattern NUMERIC = Pattern.compile("-?[.,]?\\p{Nd}[\\p{Nd},.\\-]*\\.?");

    static final String NUMBER_TYPE = "##number##";

    final String tok;
    /** The case-normalised token, or {@link #NUMBER_TYPE}. */
    final String type;
    final boolean periodFinal;
    boolean sentbreak;
    boolean abbr;
    boolean ellipsis;

    PunktToken(String tok) {
        this.tok = tok;
        String lower = PythonText.lower(tok);
        this.type = NUMERIC.matcher(lower).matches() ? NUMBER_TYPE : lower;
        this.periodFinal = tok.endsWith(".");
    }

    /** The type without its final period, if it has one and is longer than that period. */
    String typeNoPeriod() {
        return type.length() > 1 && type.endsWith(".") ? type.substring(0, type.length() - 1) : type;
    }

    /** The type without its final period if (so far) that period is taken as a sentence break. */
    String typeNoSentperiod() {
        return sentbreak ? typeNoPeriod() : type;
    }

    /** Python {@code tok[0].isupper()}: for one code point that is exactly the Uppercase property. */
    boolean firstUpper() {
        return Character.isUpperCase(tok.codePointAt(0));
    }

    /** Python {@code tok[0].islower()}: for one code point that is exactly the Lowercase property. */
    boolean firstLower() {
        return Character.isLowerCase(tok.codePointAt(0));
    }

    /** Python {@code re.match(r"\.\.+$", tok)}: two or more periods and nothing else. */
    boolean isEllipsis() {
        if (tok.length() < 2) {
            return false;
        }
        for (int i = 0; i < tok.length(); i++) {
            if (tok.charAt(i) != '.') {
                return false;
            }
        }
        return true;
    }

    /** Python {@code re.match(r"[^\W\d]\.$", tok)}: one word character other than a decimal digit, then ".". */
    boolean isInitial() {
        if (!periodFinal) {
            return false;
        }
        int first = tok.codePointAt(0);
        return Character.charCount(first) + 1 == tok.length() && PythonText.isWordChar(first)
                && Character.getType(first) != Character.DECIMAL_DIGIT_NUMBER;
    }

    @Override
    public String toString() {
        return tok + (abbr ? "<A>" : "") + (ellipsis ? "<E>" : "") + (sentbreak ? "<S>" : "");
    }
}
