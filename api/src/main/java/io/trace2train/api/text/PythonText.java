package io.trace2train.api.text;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Python 3 string semantics that verifier ports must copy exactly. Python's {@code str.isspace()} set differs from
 * every Java predicate ({@link Character#isWhitespace} misses U+00A0, U+2007, U+202F, U+0085; {@code String.strip()}
 * follows it), so everything here is built from {@link #isSpace(int)}.
 */
public final class PythonText {

    /** Python's {@code \s} in Unicode mode, as a regex character class. */
    public static final String SPACE_CLASS = "[\\x1C-\\x1F\\p{IsWhite_Space}]";
    /** Python's {@code \w} in Unicode mode: letters, numbers of every kind, underscore; no combining marks. */
    public static final String WORD_CLASS = "[\\p{L}\\p{N}_]";
    /** Python's {@code \W}. */
    public static final String NON_WORD_CLASS = "[^\\p{L}\\p{N}_]";
    /** Python's {@code \S} in Unicode mode. */
    public static final String NON_SPACE_CLASS = "[^\\x1C-\\x1F\\p{IsWhite_Space}]";

    private PythonText() {
    }

    /** Python's {@code str.isspace()} for one code point. */
    public static boolean isSpace(int c) {
        return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0 || c == 0x1680
                || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F
                || c == 0x3000;
    }

    /** Python's {@code c.isalnum() or c == "_"}, the meaning of {@code \w}. */
    public static boolean isWordChar(int c) {
        return c == '_' || Character.isLetter(c) || isNumeric(c);
    }

    private static boolean isNumeric(int c) {
        int type = Character.getType(c);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }

    /** Python's {@code s.strip()}. */
    public static String strip(String s) {
        int start = stripStart(s, 0, s.length());
        return s.substring(start, stripEnd(s, start, s.length()));
    }

    /** Python's {@code s.rstrip()}. */
    public static String rstrip(String s) {
        return s.substring(0, stripEnd(s, 0, s.length()));
    }

    /**
     * Where Python's {@code strip()} of {@code s[from:to]} starts: the index of the first non-space char in
     * {@code [from, to)}, or {@code to}. With {@link #stripEnd} it strips in place, keeping response offsets for
     * evidence.
     */
    public static int stripStart(String s, int from, int to) {
        int start = from;
        while (start < to && isSpace(s.charAt(start))) {
            start++;
        }
        return start;
    }

    /** Where Python's {@code rstrip()} of {@code s[from:to]} ends: after the last non-space char, or {@code from}. */
    public static int stripEnd(String s, int from, int to) {
        int end = to;
        while (end > from && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    /** Python's {@code s.strip(chars)}: removes any run of the given chars from both ends. */
    public static String strip(String s, String chars) {
        return rstrip(lstrip(s, chars), chars);
    }

    /** Python's {@code s.lstrip(chars)}. */
    public static String lstrip(String s, String chars) {
        int start = 0;
        while (start < s.length() && chars.indexOf(s.charAt(start)) >= 0) {
            start++;
        }
        return s.substring(start);
    }

    /** Python's {@code s.rstrip(chars)}. */
    public static String rstrip(String s, String chars) {
        int end = s.length();
        while (end > 0 && chars.indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return s.substring(0, end);
    }

    /** Python's {@code not s.strip()}: empty or only Python whitespace. */
    public static boolean isBlank(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isSpace(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Python's {@code s.split()}: runs of whitespace separate, no empty parts. */
    public static List<String> split(String s) {
        List<String> parts = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && isSpace(s.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isSpace(s.charAt(i))) {
                i++;
            }
            if (i > start) {
                parts.add(s.substring(start, i));
            }
        }
        return parts;
    }

    /** Python's {@code s.split(sep)}: literal separator, empty leading and trailing parts kept. */
    public static List<String> split(String s, String separator) {
        if (separator.isEmpty()) {
            throw new IllegalArgumentException("empty separator");
        }
        List<String> parts = new ArrayList<>();
        int from = 0;
        int at;
        while ((at = s.indexOf(separator, from)) >= 0) {
            parts.add(s.substring(from, at));
            from = at + separator.length();
        }
        parts.add(s.substring(from));
        return parts;
    }

    /** Python's {@code s.lower()}: the full Unicode mapping, independent of the default locale. */
    public static String lower(String s) {
        return s.toLowerCase(java.util.Locale.ROOT);
    }

    /** Python's {@code s.isupper()}: at least one cased char, and none lower or title case. */
    public static boolean isUpper(String s) {
        boolean upper = false;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            if (Character.isLowerCase(c) || Character.isTitleCase(c)) {
                return false;
            }
            upper |= Character.isUpperCase(c);
            i += Character.charCount(c);
        }
        return upper;
    }

    /** Python's {@code s.islower()}: at least one cased char, and none upper or title case. */
    public static boolean isLower(String s) {
        boolean lower = false;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            if (Character.isUpperCase(c) || Character.isTitleCase(c)) {
                return false;
            }
            lower |= Character.isLowerCase(c);
            i += Character.charCount(c);
        }
        return lower;
    }

    /** Python's {@code len(re.findall(r"\w+", s))}, IFEval's {@code count_words}: runs of {@link #isWordChar}. */
    public static int countWords(String s) {
        int count = 0;
        boolean inWord = false;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            boolean word = isWordChar(c);
            if (word && !inWord) {
                count++;
            }
            inWord = word;
            i += Character.charCount(c);
        }
        return count;
    }

    /** Python's {@code len(s)}: code points, not UTF-16 units. */
    public static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    /**
     * Appends {@code s} as Python's {@code json.dumps} writes a string by default ({@code ensure_ascii}): everything
     * outside printable ASCII escaped, so text meant to match a Python reference compares byte for byte.
     */
    public static StringBuilder jsonString(StringBuilder out, String s) {
        return jsonString(out, s, true);
    }

    /**
     * Appends {@code s} as Python's {@code json.dumps(s, ensure_ascii=ensureAscii)} writes it. Without
     * {@code ensure_ascii} (Hugging Face's {@code tojson}, vLLM's tool-call arguments) only the quote, the backslash
     * and the C0 controls are escaped; every other character is written as it is.
     */
    public static StringBuilder jsonString(StringBuilder out, String s, boolean ensureAscii) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || (ensureAscii && c > 0x7E)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }

    /**
     * Python's {@code repr(float)}: the shortest digits that read back to the same double, in positional notation
     * when the decimal exponent is in [-4, 16), else as {@code 1e-05} / {@code 1.5e+16}.
     */
    public static String floatRepr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        // Double.toString gives the shortest round-tripping digits (JDK 19+); only its layout differs from Python's
        BigDecimal exact = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        String digits = exact.unscaledValue().toString();
        int decimalPoint = digits.length() - exact.scale(); // value = 0.DIGITS x 10^decimalPoint
        StringBuilder out = new StringBuilder(d < 0 ? "-" : "");
        if (decimalPoint > -4 && decimalPoint <= 16) {
            if (decimalPoint <= 0) {
                out.append("0.").append("0".repeat(-decimalPoint)).append(digits);
            } else if (digits.length() <= decimalPoint) {
                out.append(digits).append("0".repeat(decimalPoint - digits.length())).append(".0");
            } else {
                out.append(digits, 0, decimalPoint).append('.').append(digits, decimalPoint, digits.length());
            }
        } else {
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            int exponent = decimalPoint - 1;
            out.append('e').append(exponent < 0 ? '-' : '+');
            out.append(String.format("%02d", Math.abs(exponent)));
        }
        return out.toString();
    }
}
