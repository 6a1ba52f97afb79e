package io.trace2train.api.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The verdict builders a plugin author uses: they stamp the verifier's id and version and keep verdicts coherent. */
class VerdictTest {

    /** A whole third-party verifier written with the builders only. */
    private static final Verifier NO_EXCLAMATION = new Verifier() {
        @Override
        public String id() {
            return "acme:no_exclamation";
        }

        @Override
        public String version() {
            return "3.0.1";
        }

        @Override
        public Verdict check(String response) {
            int at = response.indexOf('!');
            return Verdict.of(this, at < 0, at < 0 ? "no '!'" : "'!' at " + at, "no '!'", "Remove every '!'",
                    at < 0 ? List.of() : List.of(new Evidence(at, at + 1, "exclamation mark")));
        }
    };

    @Test
    void aPassStampsTheVerifierAndCarriesNoHintOrEvidence() {
        Verdict verdict = NO_EXCLAMATION.check("Calm.");
        assertEquals(new Verdict("acme:no_exclamation", "3.0.1", true, "no '!'", "no '!'", "", List.of()), verdict);
        assertEquals(CheckStatus.PASSED, verdict.status());
    }

    @Test
    void aFailKeepsTheHintAndEvidence() {
        Verdict verdict = NO_EXCLAMATION.check("Wow!");
        assertFalse(verdict.passed());
        assertEquals("acme:no_exclamation", verdict.verifierId());
        assertEquals("3.0.1", verdict.verifierVersion());
        assertEquals("Remove every '!'", verdict.hint());
        assertEquals(List.of(new Evidence(3, 4, "exclamation mark")), verdict.evidence());
        assertEquals(List.of(), Verdict.fail(NO_EXCLAMATION, "x", null, "do y").evidence());
        assertThrows(NullPointerException.class, () -> Verdict.fail(NO_EXCLAMATION, "x", null, null));
    }

    @Test
    void notCheckableNeverPasses() {
        Verdict verdict = Verdict.notCheckable(NO_EXCLAMATION, "regex budget spent");
        assertTrue(verdict.notCheckable());
        assertFalse(verdict.passed());
        assertEquals("not checkable: regex budget spent", verdict.measured());
        assertEquals("3.0.1", verdict.verifierVersion());
    }
}
