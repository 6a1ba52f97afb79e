package io.trace2train.api.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Python's {@code json.dumps} of strings (with and without {@code ensure_ascii}) and {@code repr(float)}. */
class PythonJsonTextTest {

    private static String dumps(String s, boolean ensureAscii) {
        return PythonText.jsonString(new StringBuilder(), s, ensureAscii).toString();
    }

    @Test
    void ensureAsciiEscapesEverythingOutsidePrintableAsciiAndWithoutItOnlyControls() {
        String s = "a\"\\\n\t\u0001\u007fé€😀";
        assertEquals("\"a\\\"\\\\\\n\\t\\u0001\\u007f\\u00e9\\u20ac\\ud83d\\ude00\"", dumps(s, true));
        assertEquals("\"a\\\"\\\\\\n\\t\\u0001\u007fé€😀\"", dumps(s, false));
        assertEquals(dumps(s, true), PythonText.jsonString(new StringBuilder(), s).toString());
    }

    @Test
    void floatsAreWrittenAsPythonsRepr() {
        assertEquals("1e-05", PythonText.floatRepr(0.00001));
        assertEquals("0.0001", PythonText.floatRepr(0.0001));
        assertEquals("100.0", PythonText.floatRepr(100));
        assertEquals("1e+16", PythonText.floatRepr(1e16));
        assertEquals("1234567890123456.0", PythonText.floatRepr(1234567890123456.0));
        assertEquals("-0.0", PythonText.floatRepr(-0.0));
        assertEquals("0.30000000000000004", PythonText.floatRepr(0.1 + 0.2));
    }
}
