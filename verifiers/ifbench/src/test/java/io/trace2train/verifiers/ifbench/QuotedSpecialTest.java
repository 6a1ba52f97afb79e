package io.trace2train.verifiers.ifbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trace2train.verifiers.text.PythonRegex;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The one-pass reading of csv_special_character's field regex equals the regex, and stays linear. */
class QuotedSpecialTest {

    private static final Pattern REFERENCE = PythonRegex.compile("\".*[^\\d\\w\\s].*\"", 0);

    @Test
    void agreesWithTheRegex() {
        for (String field : List.of("\"R&D\"", "\"RD\"", "\"\"", "\"\"\"", "\"a\"b\"", "\"a b\"", "x\"&\"", "\"&",
                "\"a&\nb\"", "\"a\n&\"", "\"\u00E9\u00E8\"", "\"\u00E9-\"", "\"\u2014\"x", "\"\t\"", "\"a\"&",
                "\"\"\"R&D\"\"\"", "\"\uD83D\uDE00\"")) {
            assertEquals(REFERENCE.matcher(field).lookingAt(), CustomChecks.quotedSpecial(field), field);
        }
    }

    @Test
    void aLongFieldIsOnePass() {
        // the regex would try every (special char, end) pair here; the scan reads the field once
        String field = "\"" + "&".repeat(200_000);
        assertFalse(CustomChecks.quotedSpecial(field));
        assertTrue(CustomChecks.quotedSpecial(field + "\""));
    }
}
