package io.trace2train.verifiers.text;

import io.trace2train.api.text.PythonText;
import java.util.ArrayList;
import java.util.List;

/**
 * Linear scans that give exactly the matches of fixed IFEval patterns which Java's backtracking engine would run in
 * quadratic time: a leading {@code \s*} or an unclosed {@code [} or {@code <<} makes the engine rescan the same run
 * of text from every start position. Each scan returns the spans {@link Span#findAll} returns for the pattern (the
 * tests compare the two on exhaustive small inputs).
 */
public final class LineScans {

    private LineScans() {
    }

    /**
     * {@code re.findall(r"^\s*<marker><rest>.*$", text, re.M)} where {@code marker} is one character and
     * {@code rest} is {@code [^marker]} (one character that is not the marker, a newline included) or nothing: the
     * bullet lines of {@code number_bullet_lists}. {@code \s*} may cross newlines, so a match can start on a blank
     * line and end on a later one.
     */
    public static List<Span> bulletLines(String text, char marker, boolean markerThenOther) {
        List<Span> spans = new ArrayList<>();
        int n = text.length();
        int p = 0;
        while (p < n) {
            if (p != 0 && text.charAt(p - 1) != '\n') {
                int newline = text.indexOf('\n', p);
                if (newline < 0) {
                    break;
                }
                p = newline + 1;
                continue;
            }
            // every line start inside this whitespace run ends its \s* at the same place: decide once
            int k = p;
            while (k < n && PythonText.isSpace(text.charAt(k))) {
                k++;
            }
            int restAt = k + 1;
            boolean matches = k < n && text.charAt(k) == marker;
            if (matches && markerThenOther) {
                matches = restAt < n && text.charAt(restAt) != marker;
                restAt += restAt < n && Character.isHighSurrogate(text.charAt(restAt)) && restAt + 1 < n
                        && Character.isLowSurrogate(text.charAt(restAt + 1)) ? 2 : 1;
            }
            if (matches) {
                int end = lineEnd(text, Math.min(restAt, n));
                spans.add(new Span(p, end));
                p = end;
            } else {
                p = Math.max(k, p + 1);
            }
        }
        return spans;
    }

    /**
     * {@code re.findall(r"\[.*?\]", text)}: a {@code [} and the first {@code ]} after it on the same line. An unclosed
     * {@code [} closes no later {@code [} of its line either, so the scan skips to the next line.
     */
    public static List<Span> bracketed(String text) {
        List<Span> spans = new ArrayList<>();
        int n = text.length();
        int i = text.indexOf('[');
        while (i >= 0) {
            int end = lineEnd(text, i + 1);
            int close = indexOf(text, ']', i + 1, end);
            if (close >= 0) {
                spans.add(new Span(i, close + 1));
                i = text.indexOf('[', close + 1);
            } else {
                i = end < n ? text.indexOf('[', end) : -1;
            }
        }
        return spans;
    }

    /**
     * {@code re.findall(r"<<[^\n]+>>", text)}: greedy, so a match runs from a {@code <<} to the last {@code >>} of its
     * line that leaves at least one character between them.
     */
    public static List<Span> doubleAngled(String text) {
        List<Span> spans = new ArrayList<>();
        int n = text.length();
        int i = text.indexOf("<<");
        while (i >= 0) {
            int end = lineEnd(text, i);
            int close = text.lastIndexOf(">>", end - 2);
            if (close >= i + 3) {
                spans.add(new Span(i, close + 2));
                i = text.indexOf("<<", close + 2);
            } else {
                i = end < n ? text.indexOf("<<", end) : -1; // no later << of this line closes either
            }
        }
        return spans;
    }

    /** The index of the first {@code \n} at or after {@code from}, or the text's length. */
    private static int lineEnd(String text, int from) {
        int newline = text.indexOf('\n', from);
        return newline < 0 ? text.length() : newline;
    }

    private static int indexOf(String text, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }
}
