package io.trace2train.verifiers.text.punkt;

import io.trace2train.api.text.PythonText;
import io.trace2train.verifiers.text.CheckBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/**
 * Decides whether a short context around a candidate sentence end holds a sentence break (NLTK 3.8's
 * {@code text_contains_sentbreak}): the context is split into Punkt tokens, annotated by type (first pass), then by
 * each token's successor (second pass: collocations, orthographic and sentence-starter heuristics, initials and
 * numbers).
 */
final class SentenceBreakDetector {

    /** Tokens that never start a sentence, for the orthographic heuristic. */
    private static final String PUNCTUATION = ";:,.!?";

    /** The orthographic heuristic's three answers. */
    private enum Ortho { STARTER, NOT_STARTER, UNKNOWN }

    private final PunktParameters params;

    SentenceBreakDetector(PunktParameters params) {
        this.params = params;
    }

    /** Whether {@code text[start, end)} has a token marked as a sentence break that some other token follows. */
    boolean containsSentbreak(String text, int start, int end) {
        List<PunktToken> tokens = tokenize(text, start, end);
        for (PunktToken token : tokens) {
            annotateByType(token);
        }
        // The last token cannot count: nothing follows it. The second pass of token i reads only first-pass flags of
        // token i + 1, as NLTK's lazy pairwise pass does.
        for (int i = 0; i + 1 < tokens.size(); i++) {
            PunktToken token = tokens.get(i);
            annotateByContext(token, tokens.get(i + 1));
            if (token.sentbreak) {
                return true;
            }
        }
        return false;
    }

    /** Punkt's word tokenization of each "\n"-separated line of {@code text[start, end)} that is not blank. */
    private static List<PunktToken> tokenize(String text, int start, int end) {
        List<PunktToken> tokens = new ArrayList<>();
        Matcher matcher = PunktPatterns.WORD.matcher(CheckBudget.guard(text));
        int lineStart = start;
        while (lineStart <= end) {
            int lineEnd = lineStart;
            while (lineEnd < end && text.charAt(lineEnd) != '\n') {
                lineEnd++;
            }
            if (PythonText.stripStart(text, lineStart, lineEnd) < lineEnd) { // the line is not blank
                // A region with opaque bounds sees exactly what Python's findall sees on the line substring.
                matcher.region(lineStart, lineEnd);
                while (matcher.find()) {
                    tokens.add(new PunktToken(matcher.group()));
                }
            }
            lineStart = lineEnd + 1;
        }
        return tokens;
    }

    /** First pass: sentence-end marks, ellipses, and period-final words that are or are not known abbreviations. */
    private void annotateByType(PunktToken token) {
        String tok = token.tok;
        if (tok.equals(".") || tok.equals("?") || tok.equals("!")) {
            token.sentbreak = true;
        } else if (token.isEllipsis()) {
            token.ellipsis = true;
        } else if (token.periodFinal && !tok.endsWith("..")) {
            String stem = PythonText.lower(tok.substring(0, tok.length() - 1));
            if (params.isAbbreviation(stem) || params.isAbbreviation(afterLastHyphen(stem))) {
                token.abbr = true;
            } else {
                token.sentbreak = true;
            }
        }
    }

    /** Python {@code s.split("-")[-1]}. */
    private static String afterLastHyphen(String s) {
        return s.substring(s.lastIndexOf('-') + 1);
    }

    /** Second pass on a period-final token, given the token after it. */
    private void annotateByContext(PunktToken token, PunktToken next) {
        if (!token.periodFinal) {
            return;
        }
        String type = token.typeNoPeriod();
        String nextType = next.typeNoSentperiod();
        boolean initial = token.isInitial();

        // Collocation heuristic: a known pair such as ("##number##", "abreast") spans the period.
        if (params.isCollocation(type, nextType)) {
            markAbbreviation(token);
            return;
        }
        // An abbreviation or ellipsis may still end a sentence when the next word looks like a sentence start.
        if ((token.abbr || token.ellipsis) && !initial) {
            if (ortho(next) == Ortho.STARTER) {
                token.sentbreak = true;
                return;
            }
            if (next.firstUpper() && params.isSentenceStarter(nextType)) {
                token.sentbreak = true;
                return;
            }
        }
        // Initials and ordinals followed by a word that does not look like a sentence start are abbreviations.
        if (initial || type.equals(PunktToken.NUMBER_TYPE)) {
            Ortho ortho = ortho(next);
            if (ortho == Ortho.NOT_STARTER) {
                markAbbreviation(token);
                return;
            }
            // "J. Bach": an initial before a word never seen in lower case.
            if (ortho == Ortho.UNKNOWN && initial && next.firstUpper()
                    && (params.orthoContext(nextType) & PunktParameters.LC) == 0) {
                markAbbreviation(token);
            }
        }
    }

    private static void markAbbreviation(PunktToken token) {
        token.sentbreak = false;
        token.abbr = true;
    }

    /** Orthographic heuristic: does the casing of this token, against training, say it starts a sentence? */
    private Ortho ortho(PunktToken token) {
        if (token.tok.length() == 1 && PUNCTUATION.indexOf(token.tok.charAt(0)) >= 0) {
            return Ortho.NOT_STARTER;
        }
        int context = params.orthoContext(token.typeNoSentperiod());
        if (token.firstUpper() && (context & PunktParameters.LC) != 0 && (context & PunktParameters.MID_UC) == 0) {
            return Ortho.STARTER;
        }
        if (token.firstLower()
                && ((context & PunktParameters.UC) != 0 || (context & PunktParameters.BEG_LC) == 0)) {
            return Ortho.NOT_STARTER;
        }
        return Ortho.UNKNOWN;
    }
}
