package io.trace2train.verifiers.text;

import io.trace2train.api.text.PythonText;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compiles a Python 3 {@code re} pattern (Unicode {@code str} mode) into a Java {@link Pattern} with the same meaning.
 * IFEval builds regexes from user arguments (keywords, forbidden words, section splitters, postscript markers) and
 * from fixed patterns; both go through here so that there is one translation of Python's syntax.
 *
 * <p>What is rewritten, and why:
 * <ul>
 *   <li>{@code \w \W \s \S \d \D} are ASCII in Java; they become the Python Unicode classes of {@link PythonText}
 *       (nested as a union inside a character class, where Java allows that).</li>
 *   <li>{@code \b \B} become lookarounds over Python's {@code \w}; inside a class {@code \b} is a backspace.</li>
 *   <li>{@code \Z} is Java's {@code \z} (Java's {@code \Z} also matches before a final newline); {@code \v} is the
 *       vertical tab, not Java's vertical-space class; {@code \UXXXXXXXX} and {@code \0} octal get Java spellings.</li>
 *   <li>{@code (?P<name>...)} and {@code (?P=name)} become Java's named group and back reference.</li>
 *   <li>A {@code {} that does not start a valid quantifier is a literal in Python and an error in Java, so it is
 *       escaped; {@code {,n}} becomes {@code {0,n}}.</li>
 *   <li>Inside a class, {@code [} and {@code &} are literals in Python but nested classes and intersections in
 *       Java, so they are escaped; so is a {@code ]} that opens a class.</li>
 *   <li>Python rejects unknown escapes of ASCII letters, and so does this translation.</li>
 * </ul>
 * {@link Pattern#UNIX_LINES} is always added: in Python {@code .}, {@code ^} and {@code $} know only {@code \n}.
 */
public final class PythonRegex {

    /** Python's {@code re.IGNORECASE} on {@code str}: Unicode case folding. */
    public static final int IGNORECASE = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    /** Python's {@code re.MULTILINE}; {@link #compile} adds {@link Pattern#UNIX_LINES} to it. */
    public static final int MULTILINE = Pattern.MULTILINE;

    private static final String WORD_BOUNDARY = "(?:(?<=" + PythonText.WORD_CLASS + ")(?!" + PythonText.WORD_CLASS
            + ")|(?<!" + PythonText.WORD_CLASS + ")(?=" + PythonText.WORD_CLASS + "))";
    private static final String NOT_WORD_BOUNDARY = "(?:(?<=" + PythonText.WORD_CLASS + ")(?="
            + PythonText.WORD_CLASS + ")|(?<!" + PythonText.WORD_CLASS + ")(?!" + PythonText.WORD_CLASS + "))";
    private static final String DIGIT = "\\p{Nd}";
    private static final String NON_DIGIT = "\\P{Nd}";
    /** Python's repeat syntax after a {@code {}: optional digits, optionally a comma and digits, then {@code }}. */
    private static final Pattern QUANTIFIER = Pattern.compile("\\{([0-9]*)(,([0-9]*))?}");

    private PythonRegex() {
    }

    /**
     * Compiles a Python pattern.
     *
     * @param flags Java flags such as {@link Pattern#CASE_INSENSITIVE}; {@link Pattern#UNIX_LINES} is added
     * @throws PatternSyntaxException if the pattern is not valid (in Python's terms, as far as this translation
     *         checks, or in Java's after translation)
     */
    public static Pattern compile(String pythonPattern, int flags) {
        return Pattern.compile(translate(pythonPattern), flags | Pattern.UNIX_LINES);
    }

    /** {@code re.search(pattern, text) is not None}, read within the check's budget. */
    public static boolean find(Pattern pattern, String text) {
        return pattern.matcher(CheckBudget.guard(text)).find();
    }

    /** {@code len(re.findall(pattern, text))}. */
    public static int count(Pattern pattern, CharSequence text) {
        Matcher matcher = pattern.matcher(CheckBudget.guard(text));
        int count = 0;
        while (matcher.find()) {
            if (!isInsideCodePoint(matcher, text)) {
                count++;
            }
        }
        return count;
    }

    /**
     * Whether a match is an empty one between the two halves of a surrogate pair. After an empty match Java steps
     * one UTF-16 unit and may match there again; Python steps one code point. Such matches are skipped.
     */
    static boolean isInsideCodePoint(Matcher match, CharSequence text) {
        int at = match.start();
        return match.end() == at && at > 0 && at < text.length() && Character.isHighSurrogate(text.charAt(at - 1))
                && Character.isLowSurrogate(text.charAt(at));
    }

    /** The Java spelling of a Python pattern. */
    public static String translate(String python) {
        StringBuilder out = new StringBuilder(python.length() + 16);
        boolean inClass = false;
        int classStart = -1; // index in python just after "[" or "[^", where "]" is still a literal
        int i = 0;
        while (i < python.length()) {
            char c = python.charAt(i);
            if (c == '\\') {
                if (i + 1 >= python.length()) {
                    throw error("bad escape (end of pattern)", python, i);
                }
                i = escape(python, i + 1, inClass, out);
                continue;
            }
            if (inClass) {
                if (c == ']' && i != classStart) {
                    inClass = false;
                    out.append(c);
                } else if (c == '[' || c == '&' || c == ']') {
                    out.append('\\').append(c);
                } else {
                    out.append(c);
                }
                i++;
            } else if (c == '[') {
                inClass = true;
                out.append(c);
                i++;
                if (i < python.length() && python.charAt(i) == '^') {
                    out.append('^');
                    i++;
                }
                classStart = i;
            } else if (c == '{') {
                i = brace(python, i, out);
            } else if (python.startsWith("(?P<", i)) {
                out.append("(?<");
                i += 4;
            } else if (python.startsWith("(?P=", i)) {
                int close = python.indexOf(')', i);
                if (close < 0) {
                    throw error("missing ), unterminated name", python, i);
                }
                out.append("\\k<").append(python, i + 4, close).append('>');
                i = close + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        if (inClass) {
            throw error("unterminated character set", python, python.length());
        }
        return out.toString();
    }

    /** Translates the escape whose letter is at {@code i}; returns the index after it. */
    private static int escape(String python, int i, boolean inClass, StringBuilder out) {
        char c = python.charAt(i);
        switch (c) {
            case 'w' -> out.append(PythonText.WORD_CLASS);
            case 'W' -> out.append(PythonText.NON_WORD_CLASS);
            case 's' -> out.append(PythonText.SPACE_CLASS);
            case 'S' -> out.append(PythonText.NON_SPACE_CLASS);
            case 'd' -> out.append(DIGIT);
            case 'D' -> out.append(NON_DIGIT);
            case 'b' -> out.append(inClass ? "\\x08" : WORD_BOUNDARY);
            case 'v' -> out.append("\\x0B");
            case 'a', 'f', 'n', 'r', 't' -> out.append('\\').append(c);
            case 'B', 'A', 'Z' -> {
                if (inClass) {
                    throw error("bad escape \\" + c, python, i - 1);
                }
                out.append(c == 'B' ? NOT_WORD_BOUNDARY : c == 'A' ? "\\A" : "\\z");
            }
            case 'x' -> {
                return hex(python, i, 2, out);
            }
            case 'u' -> {
                return hex(python, i, 4, out);
            }
            case 'U' -> {
                return hex(python, i, 8, out);
            }
            case 'N' -> {
                int close = python.indexOf('}', i);
                if (i + 1 >= python.length() || python.charAt(i + 1) != '{' || close < 0) {
                    throw error("missing {} in \\N", python, i - 1);
                }
                out.append(python, i - 1, close + 1);
                return close + 1;
            }
            case '0' -> {
                // Python: \0 and up to two more octal digits is a character code; Java needs \0 plus digits.
                int end = i + 1;
                while (end < python.length() && end < i + 3 && python.charAt(end) >= '0' && python.charAt(end) <= '7') {
                    end++;
                }
                int code = end == i + 1 ? 0 : Integer.parseInt(python.substring(i + 1, end), 8);
                out.append("\\x{").append(Integer.toHexString(code)).append('}');
                return end;
            }
            default -> {
                if (c < 128 && Character.isLetter(c)) {
                    throw error("bad escape \\" + c, python, i - 1);
                }
                if (c < 128) {
                    out.append('\\').append(c); // a digit (back reference) or an escaped ASCII symbol
                } else {
                    // an escaped non-ASCII char is a literal in Python; Java may reject a backslash before a letter
                    int cp = python.codePointAt(i);
                    out.append("\\x{").append(Integer.toHexString(cp)).append('}');
                    return i + Character.charCount(cp);
                }
            }
        }
        return i + 1;
    }

    private static int hex(String python, int i, int digits, StringBuilder out) {
        int end = i + 1 + digits;
        if (end > python.length() || !python.substring(i + 1, end).chars().allMatch(PythonRegex::isHexDigit)) {
            throw error("incomplete escape \\" + python.charAt(i), python, i - 1);
        }
        int code = Integer.parseInt(python.substring(i + 1, end), 16);
        if (!Character.isValidCodePoint(code)) {
            throw error("bad escape \\" + python.substring(i, end), python, i - 1);
        }
        out.append("\\x{").append(Integer.toHexString(code)).append('}');
        return end;
    }

    private static boolean isHexDigit(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** A {@code {} outside a class: a quantifier if Python would read one, else a literal. */
    private static int brace(String python, int i, StringBuilder out) {
        Matcher m = QUANTIFIER.matcher(python).region(i, python.length());
        if (!m.lookingAt() || m.end() - m.start() == 2) { // "{}" is a literal in Python
            out.append("\\{");
            return i + 1;
        }
        String low = m.group(1).isEmpty() ? "0" : m.group(1);
        out.append('{').append(low);
        if (m.group(2) != null) {
            out.append(',').append(m.group(3));
        }
        out.append('}');
        return m.end();
    }

    private static PatternSyntaxException error(String description, String pattern, int index) {
        return new PatternSyntaxException(description, pattern, index);
    }
}
