package io.trace2train.verifiers.text.language;

import com.cybozu.labs.langdetect.util.NGram;
import io.trace2train.verifiers.text.CheckBudget;
import java.util.regex.Pattern;

/**
 * Turns a text into the one Python langdetect 1.0.9's {@code Detector} works on after {@code append} and
 * {@code cleaning_text}, so that the Java detector, fed with it, sees the same characters. The two ports do the same
 * steps but differ in two ways that change answers:
 * <ul>
 * <li>Python counts code points, Java UTF-16 units, so an emoji is one character there and two here: for the
 *     10 000-character limit and for the Latin/non-Latin balance below. Each supplementary code point therefore
 *     becomes U+E000, which like it is non-Latin, is left alone by n-gram normalisation and is in no profile.</li>
 * <li>Python's {@code cleaning_text} compares {@code unicode_block(ch)}, a number, with the string
 *     {@code 'Latin Extended Additional'}, which is never equal, so it counts U+1E00..U+1EFF (Vietnamese letters) as
 *     non-Latin where Java does not. This matters when it decides whether to drop the Latin letters.</li>
 * </ul>
 * Java's own {@code append} and {@code cleaningText} then leave the result as it is: the URL and mail patterns no
 * longer match, the text is within the limit, and the Latin test cannot fire on letters that Python kept (Java counts
 * at most as many non-Latin characters as Python).
 */
final class PythonDetectorInput {

    /** {@code Detector.max_text_length}, the same default in both ports. */
    static final int MAX_LENGTH = 10_000;
    /** Stands for any supplementary code point. */
    static final char SUPPLEMENTARY = '\uE000';

    // Both ports' patterns, character for character.
    private static final Pattern URL = Pattern.compile("https?://[-_.?&~;+=/#0-9A-Za-z]{1,2076}");
    private static final Pattern MAIL =
            Pattern.compile("[-_.0-9A-Za-z]{1,64}@[-_0-9A-Za-z]{1,255}[-_.0-9A-Za-z]{1,255}");

    private PythonDetectorInput() {
    }

    static String prepare(String text) {
        // The guards skip the costly scans (the mail pattern tries up to 64 chars at every position) when no match
        // is possible.
        String cleaned = text.contains("http") ? URL.matcher(CheckBudget.guard(text)).replaceAll(" ") : text;
        cleaned = cleaned.indexOf('@') >= 0 ? MAIL.matcher(CheckBudget.guard(cleaned)).replaceAll(" ") : cleaned;
        cleaned = NGram.normalize_vi(cleaned);
        return dropLatinIfMostlyNonLatin(firstCodePoints(cleaned));
    }

    /** {@code append}: the first {@link #MAX_LENGTH} code points, runs of spaces cut to one. */
    private static String firstCodePoints(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_LENGTH));
        int previous = 0;
        int count = 0;
        for (int i = 0; i < text.length() && count < MAX_LENGTH; count++) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (c != ' ' || previous != ' ') {
                out.append(Character.isBmpCodePoint(c) ? (char) c : SUPPLEMENTARY);
            }
            previous = c;
        }
        return out.toString();
    }

    /** {@code cleaning_text}: drops {@code A..z} when there are more than twice as many chars from U+0300 up. */
    private static String dropLatinIfMostlyNonLatin(String text) {
        int latin = 0;
        int nonLatin = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isLatin(c)) {
                latin++;
            } else if (c >= '\u0300') {
                nonLatin++;
            }
        }
        if (latin * 2 >= nonLatin) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            if (!isLatin(text.charAt(i))) {
                out.append(text.charAt(i));
            }
        }
        return out.toString();
    }

    /** The ports' test {@code 'A' <= ch <= 'z'}, which also takes {@code [\]^_`}. */
    private static boolean isLatin(char c) {
        return c >= 'A' && c <= 'z';
    }
}
