package io.trace2train.bench.ifeval;

import java.util.Locale;

/** Small helpers for writing SVG text by hand. */
final class Svg {

    private Svg() {
    }

    /** Escapes text for an XML element or attribute; characters XML 1.0 cannot hold at all become U+FFFD. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.appendCodePoint(allowedInXml(c) ? c : 0xFFFD);
            }
        });
        return out.toString();
    }

    private static boolean allowedInXml(int c) {
        return c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                || (c >= 0x10000 && c <= 0x10FFFF);
    }

    /** A coordinate with one decimal, whatever the default locale. */
    static String number(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** A rate in [0, 1] as a percentage with one decimal, e.g. {@code 77.1%}. */
    static String percent(double rate) {
        return String.format(Locale.ROOT, "%.1f%%", rate * 100);
    }

    /** A rough text width: the chart's sans-serif font averages a little under 0.6 em per character. */
    static double textWidth(String text, double fontSize) {
        return text.codePointCount(0, text.length()) * fontSize * 0.6;
    }
}
