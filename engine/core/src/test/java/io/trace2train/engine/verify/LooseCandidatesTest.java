package io.trace2train.engine.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.trace2train.api.verify.Verdict;
import io.trace2train.api.verify.Verifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LooseCandidatesTest {

    @Test
    void theEightCandidatesInTheReferenceOrder() {
        // Python: lines = r.split("\n"); rf = "\n".join(lines[1:]).strip(); ... (values checked by hand)
        String response = "Sure:\n**Title**\nbody *x*\n P.S. bye \n";
        assertEquals(List.of(
                response,
                "Sure:\nTitle\nbody x\n P.S. bye \n",
                "**Title**\nbody *x*\n P.S. bye",
                "Sure:\n**Title**\nbody *x*\n P.S. bye",
                "**Title**\nbody *x*\n P.S. bye",
                "Title\nbody x\n P.S. bye",
                "Sure:\nTitle\nbody x\n P.S. bye",
                "Title\nbody x\n P.S. bye"), LooseCandidates.of(response));
    }

    @Test
    void shortResponsesFollowPythonSliceClamping() {
        assertEquals(List.of("one", "one", "", "", "", "", "", ""), LooseCandidates.of("one"));
        assertEquals(List.of("a\nb", "a\nb", "b", "a", "", "b", "a", ""), LooseCandidates.of("a\nb"));
        // only "\n" splits lines; "\r" stays, and Python's strip() removes it (and U+00A0) at the ends
        assertEquals("b", LooseCandidates.of("a\nb\r\u00a0").get(2));
    }

    @Test
    void eachDistinctNonBlankTextIsCheckedOnceAndStrictIsTheFirst() {
        List<String> seen = new ArrayList<>();
        Verifier isX = recording(seen, s -> s.equals("x"));
        // candidates: "x\n\n" twice, "x" twice, and four blank ones
        assertEquals(new Judgement(false, true), new ResponseJudge("x\n\n").judge(isX));
        assertEquals(List.of("x\n\n", "x"), seen);

        seen.clear();
        assertEquals(new Judgement(true, true), new ResponseJudge("x").judge(isX));
        assertEquals(List.of("x"), seen);

        seen.clear();
        assertEquals(new Judgement(false, false), new ResponseJudge(" \u00a0\n").judge(recording(seen, s -> true)));
        assertEquals(List.of(), seen, "a blank response follows nothing, and nothing is checked");
    }

    @Test
    void looseTriesTheOtherCandidatesInOrderUntilOnePasses() {
        List<String> seen = new ArrayList<>();
        Verifier noStars = recording(seen, s -> !s.contains("*"));
        assertEquals(new Judgement(false, true), new ResponseJudge("Intro\n**A**\nbody").judge(noStars));
        assertEquals(List.of("Intro\n**A**\nbody", "Intro\nA\nbody"), seen);
    }

    private static Verifier recording(List<String> seen, java.util.function.Predicate<String> rule) {
        return new Verifier() {
            public String id() {
                return "test:recording";
            }

            public String version() {
                return "1";
            }

            public Verdict check(String response) {
                seen.add(response);
                return new Verdict(id(), version(), rule.test(response), null, null, "", List.of());
            }
        };
    }
}
