package io.trace2train.verifiers.text;

import io.trace2train.api.text.PythonText;
import io.trace2train.api.verify.Evidence;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A range {@code [start, end)} of a response. The checks do Python's string operations (strip, split, findall) on
 * spans rather than on substrings, so that a failure can point at the offending range of the original response.
 */
public record Span(int start, int end) {

    public Span {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
        }
    }

    /** The whole of {@code text}. */
    public static Span of(String text) {
        return new Span(0, text.length());
    }

    /** The text of this span. */
    public String in(String text) {
        return text.substring(start, end);
    }

    public boolean isEmpty() {
        return start == end;
    }

    public int length() {
        return end - start;
    }

    /** Python's {@code strip()}, applied to this span of {@code text}. */
    public Span strip(String text) {
        int from = PythonText.stripStart(text, start, end);
        return new Span(from, PythonText.stripEnd(text, from, end));
    }

    /** Python's {@code not s.strip()} for this span. */
    public boolean isBlank(String text) {
        return PythonText.stripStart(text, start, end) == end;
    }

    /** Python's {@code strip(chars)}, applied to this span of {@code text}. */
    public Span strip(String text, String chars) {
        return lstrip(text, chars).rstrip(text, chars);
    }

    /** Python's {@code lstrip(chars)}, applied to this span of {@code text}. */
    public Span lstrip(String text, String chars) {
        int from = start;
        while (from < end && chars.indexOf(text.charAt(from)) >= 0) {
            from++;
        }
        return new Span(from, end);
    }

    /** Python's {@code rstrip(chars)}, applied to this span of {@code text}. */
    public Span rstrip(String text, String chars) {
        int to = end;
        while (to > start && chars.indexOf(text.charAt(to - 1)) >= 0) {
            to--;
        }
        return new Span(start, to);
    }

    /** Python's {@code removeprefix(prefix)}. */
    public Span removePrefix(String text, String prefix) {
        return text.startsWith(prefix, start) && prefix.length() <= length()
                ? new Span(start + prefix.length(), end) : this;
    }

    /** Python's {@code removesuffix(suffix)}. */
    public Span removeSuffix(String text, String suffix) {
        return length() >= suffix.length() && text.startsWith(suffix, end - suffix.length())
                ? new Span(start, end - suffix.length()) : this;
    }

    public Evidence evidence(String reason) {
        return new Evidence(start, end, reason);
    }

    /** The ranges of {@code re.findall(pattern, text)}: non-overlapping, left to right. */
    public static List<Span> findAll(Pattern pattern, String text) {
        List<Span> spans = new ArrayList<>();
        Matcher matcher = pattern.matcher(CheckBudget.guard(text));
        while (matcher.find()) {
            if (!PythonRegex.isInsideCodePoint(matcher, text)) {
                spans.add(new Span(matcher.start(), matcher.end()));
            }
        }
        return spans;
    }

    /**
     * The parts of {@code re.split(pattern, text)}, empty leading and trailing parts kept. With a
     * {@link Pattern#LITERAL} pattern this is also Python's {@code text.split(separator)}. The patterns split on here
     * never match the empty string, where Python and Java would differ.
     */
    public static List<Span> split(Pattern pattern, String text) {
        List<Span> parts = new ArrayList<>();
        Matcher matcher = pattern.matcher(CheckBudget.guard(text));
        int from = 0;
        while (matcher.find()) {
            parts.add(new Span(from, matcher.start()));
            from = matcher.end();
        }
        parts.add(new Span(from, text.length()));
        return parts;
    }
}
