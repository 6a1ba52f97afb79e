package io.trace2train.bench.ifeval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class PassRateChartTest {

    private static final String TRICKY = "a<b & \"c\" 'd'";

    private static ModeBar mode(String name, int passed, Map<String, Double> byCategory) {
        return new ModeBar(name, passed / 541.0, WilsonInterval.of(passed, 541), byCategory);
    }

    private static List<ModeBar> modes() {
        return List.of(
                mode("direct", 300, Map.of("keywords", 0.5, "length_constraints", 0.4, "punctuation", 0.9)),
                mode("prompt_retry", 380, Map.of("keywords", 0.7, "length_constraints", 0.6, "punctuation", 1.0)),
                // lacks a category: that bar is left out
                mode(TRICKY, 541, Map.of("keywords", 1.0, "x<y&z", 0.2)));
    }

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> rects(Document document, String kind) {
        NodeList all = document.getElementsByTagNameNS("http://www.w3.org/2000/svg", "rect");
        List<Element> found = new ArrayList<>();
        for (int i = 0; i < all.getLength(); i++) {
            Element rect = (Element) all.item(i);
            if (rect.getAttribute("class").equals(kind)) {
                found.add(rect);
            }
        }
        return found;
    }

    @Test
    void oneBarPerModeAndPerModeCategory() throws Exception {
        Document document = parse(PassRateChart.svg("IFEval & friends", "3 seeds", modes()));
        assertEquals("svg", document.getDocumentElement().getLocalName());
        assertEquals(List.of("direct", "prompt_retry", TRICKY),
                rects(document, "mode-bar").stream().map(r -> r.getAttribute("data-mode")).toList());
        Set<String> expected = new HashSet<>();
        modes().forEach(m -> m.byCategory().keySet().forEach(c -> expected.add(m.mode() + " / " + c)));
        List<String> drawn = rects(document, "category-bar").stream()
                .map(r -> r.getAttribute("data-mode") + " / " + r.getAttribute("data-category")).toList();
        assertEquals(expected.size(), drawn.size());
        assertEquals(expected, new HashSet<>(drawn));
    }

    @Test
    void barHeightsFollowTheRates() throws Exception {
        Document document = parse(PassRateChart.svg("t", "", modes()));
        List<Element> bars = rects(document, "mode-bar");
        double full = Double.parseDouble(bars.get(2).getAttribute("height"));  // the mode that passed every prompt
        for (int i = 0; i < bars.size(); i++) {
            assertEquals(modes().get(i).rate() * full, Double.parseDouble(bars.get(i).getAttribute("height")), 0.1);
        }
    }

    @Test
    void labelsAreEscaped() throws Exception {
        String svg = PassRateChart.svg("IFEval <strict> & more", "seeds \"1-3\"", modes());
        assertFalse(svg.contains(TRICKY));
        assertFalse(svg.contains("x<y"));
        String text = parse(svg).getDocumentElement().getTextContent();
        assertTrue(text.contains("IFEval <strict> & more"));
        assertTrue(text.contains("seeds \"1-3\""));
        assertTrue(text.contains(TRICKY));
        assertTrue(text.contains("x<y&z"));
    }

    @Test
    void charactersXmlCannotHoldAreReplaced() throws Exception {
        String svg = PassRateChart.svg("bell\u0007", "", List.of(mode("nul\u0000", 10, Map.of())));
        assertTrue(parse(svg).getDocumentElement().getTextContent().contains("bell\uFFFD"));
    }

    @Test
    void noCategoriesLeaveOutTheSecondPanel() throws Exception {
        Document document = parse(PassRateChart.svg("t", "", List.of(mode("direct", 10, Map.of()))));
        assertEquals(1, rects(document, "mode-bar").size());
        assertTrue(rects(document, "category-bar").isEmpty());
    }

    @Test
    void writesTheSameTextWithNoTemporaryFileLeft(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("charts").resolve("ifeval.svg");
        PassRateChart.write(file, "title", "subtitle", modes());
        PassRateChart.write(file, "title", "subtitle", modes());  // over an existing file
        assertEquals(PassRateChart.svg("title", "subtitle", modes()), Files.readString(file));
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void longNamesWrapAfterUnderscores() {
        assertEquals(List.of("length_", "constraints"), PassRateChart.wrap("length_constraints", 80, 12));
        assertEquals(List.of("length_constraints"), PassRateChart.wrap("length_constraints", 200, 12));
        assertEquals(List.of("keywords"), PassRateChart.wrap("keywords", 10, 12));
    }

    @Test
    void refusesNothingToDrawAndImpossibleRates() {
        assertThrows(IllegalArgumentException.class, () -> PassRateChart.svg("t", "", List.of()));
        assertThrows(IllegalArgumentException.class, () -> new ModeBar("m", 1.2, new Interval(0, 1), Map.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new ModeBar("m", 0.5, new Interval(0, 1), Map.of("keywords", -0.1)));
        assertThrows(NullPointerException.class, () -> new ModeBar(null, 0.5, new Interval(0, 1), Map.of()));
    }
}
