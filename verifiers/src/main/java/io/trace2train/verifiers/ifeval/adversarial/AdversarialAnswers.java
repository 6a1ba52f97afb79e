package io.trace2train.verifiers.ifeval.adversarial;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Answers built to find super-linear work in a check: long runs of whitespace, one long line, many short lines, and
 * long runs of the markers the checks look for ({@code *}, {@code -}, {@code #}, {@code P.S.}, {@code <<},
 * {@code "}, {@code {}, {@code [}, ...). Each shape repeats a unit to the requested length, so the cost of a linear
 * check grows in step with the length.
 */
public final class AdversarialAnswers {

    /**
     * One shape of answer: {@code head}, then {@code unit} repeated, then {@code tail}.
     *
     * @param name a short name for reports
     */
    public record Shape(String name, String head, String unit, String tail) {

        public Shape {
            requireNonNull(name, "name");
            requireNonNull(head, "head");
            requireNonNull(tail, "tail");
            if (requireNonNull(unit, "unit").isEmpty()) {
                throw new IllegalArgumentException("empty unit");
            }
        }

        /** The answer of about {@code length} characters (never shorter than head and tail). */
        public String of(int length) {
            int body = Math.max(0, length - head.length() - tail.length());
            StringBuilder text = new StringBuilder(head.length() + body + unit.length() + tail.length());
            text.append(head);
            while (text.length() < head.length() + body) {
                text.append(unit);
            }
            return text.append(tail).toString();
        }
    }

    private static final List<Shape> ALL = List.of(
            new Shape("space run", "Hello", " ", "x"),
            new Shape("mixed whitespace run", "Hello", " \t\u00a0\u3000", "x"),
            new Shape("newline run", "Hello", "\n", "x"),
            new Shape("blank lines with spaces", "Hello", " \n", "x"),
            new Shape("one long line", "", "lorem ipsum dolor ", "end"),
            new Shape("one long word", "", "a", ""),
            new Shape("many short lines", "", "word\n", ""),
            new Shape("many sentences", "", "This is it. ", ""),
            new Shape("abbreviations", "", "Mr. Dr. e.g. U.S. ", ""),
            new Shape("spaced dots", "", ". ", ""),
            new Shape("dot run", "a", ".", " b"),
            new Shape("double stars", "", "** ", ""),
            new Shape("stars", "", "*", ""),
            new Shape("star lines", "", "*\n", ""),
            new Shape("star bullets", "", "* a\n", ""),
            new Shape("dashes", "", "-", ""),
            new Shape("dash lines", "", " -\n", ""),
            new Shape("hashes", "", "#", ""),
            new Shape("postscripts", "", "P.S. ", ""),
            new Shape("broken postscripts", "", "p. p. ", ""),
            new Shape("open titles", "", "<<", ""),
            new Shape("open title with text", "<<", "title ", ""),
            new Shape("quotes", "", "\"", ""),
            new Shape("open braces", "", "{", ""),
            new Shape("open brackets", "", "[", ""),
            new Shape("open bracket with text", "[", "word ", ""),
            new Shape("section markers", "", "SECTION ", ""),
            new Shape("paragraph dividers", "", " *** ", ""),
            new Shape("paragraph breaks", "", "word\n\n", ""),
            new Shape("commas", "", ",", ""),
            new Shape("capital words", "", "WORD ", ""),
            new Shape("surrogate pairs", "", "\ud83d\ude00", ""),
            new Shape("urls and mails", "", "http://a.b/c x@y.z ", ""));

    private AdversarialAnswers() {
    }

    public static List<Shape> all() {
        return ALL;
    }
}
