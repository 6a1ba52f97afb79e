package io.trace2train.verifiers.text.language;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PythonDetectorInputTest {

    @Test
    void removesUrlsAndMailAddressesAndCollapsesSpaces() {
        assertEquals("see here or mail now",
                PythonDetectorInput.prepare("see  https://example.com/x?y=1 here or mail a.b@example.org now"));
    }

    @Test
    void supplementaryCodePointIsOneCharacter() {
        assertEquals("ok \uE000 fine", PythonDetectorInput.prepare("ok \uD83D\uDE00 fine"));
    }

    @Test
    void keepsTheFirstTenThousandCodePoints() {
        String emojis = "\uD83D\uDE00".repeat(PythonDetectorInput.MAX_LENGTH);
        assertEquals(String.valueOf(PythonDetectorInput.SUPPLEMENTARY).repeat(PythonDetectorInput.MAX_LENGTH),
                PythonDetectorInput.prepare(emojis + "abc"));
    }

    @Test
    void dropsLatinLettersFromMostlyNonLatinText() {
        // Expected values are Python langdetect 1.0.9's Detector.text after append and cleaning_text.
        assertEquals("Привет, мир ", PythonDetectorInput.prepare("Привет, мир OK"));
        assertEquals("Привет OKAY", PythonDetectorInput.prepare("Привет OKAY"));
    }

    @Test
    void countsLatinExtendedAdditionalAsNonLatinAsPythonDoes() {
        // 2 Latin letters, 5 letters from U+1Exx: Python drops the Latin ones, Java's own cleaning would not.
        assertEquals("ếạảầẩ ", PythonDetectorInput.prepare("ếạảầẩ ab"));
    }
}
