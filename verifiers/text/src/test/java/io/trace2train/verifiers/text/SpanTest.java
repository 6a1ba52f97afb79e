package io.trace2train.verifiers.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SpanTest {

    @Test
    void stripUsesPythonWhitespaceAndKeepsOffsets() {
        String text = "\u00a0\u001c x \u0085\u202f";
        assertEquals(new Span(3, 4), Span.of(text).strip(text));
        assertTrue(Span.of(" \u2007\t").isBlank(" \u2007\t"));
        assertEquals(new Span(3, 3), Span.of("   ").strip("   ")); // blank: empty, at the end
    }

    @Test
    void stripCharsAndPrefixes() {
        String text = "<<<a>>>";
        assertEquals(new Span(3, 7), Span.of(text).lstrip(text, "<"));
        assertEquals(new Span(3, 4), Span.of(text).lstrip(text, "<").rstrip(text, ">"));
        String fenced = "```json\n{}\n```";
        Span inner = Span.of(fenced).removePrefix(fenced, "```json").removeSuffix(fenced, "```").strip(fenced);
        assertEquals("{}", inner.in(fenced));
        assertEquals(new Span(3, 3), new Span(0, 3).removePrefix("```", "```").removeSuffix("```", "```"));
    }

    @Test
    void splitKeepsEmptyPartsLikePython() {
        String text = "******a******";
        List<Span> parts = Span.split(Pattern.compile("******", Pattern.LITERAL), text);
        assertEquals(List.of("", "a", ""), parts.stream().map(p -> p.in(text)).toList());
        String paragraphs = "a\n\n\nb";
        assertEquals(List.of("a", "\nb"), Span.split(Pattern.compile("\n\n", Pattern.LITERAL), paragraphs).stream()
                .map(p -> p.in(paragraphs)).toList());
    }
}
