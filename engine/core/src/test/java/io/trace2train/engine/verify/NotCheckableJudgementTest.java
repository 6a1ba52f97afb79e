package io.trace2train.engine.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.trace2train.api.verify.Verdict;
import io.trace2train.api.verify.Verifier;
import org.junit.jupiter.api.Test;

/** A check that runs out of budget is not followed, and the judgement says it was not checkable. */
class NotCheckableJudgementTest {

    /** Not checkable on every text, as a runaway regex argument is. */
    private static final Verifier RUNAWAY = new Verifier() {
        @Override
        public String id() {
            return "keywords:existence";
        }

        @Override
        public String version() {
            return "1";
        }

        @Override
        public Verdict check(String response) {
            return Verdict.notCheckable(id(), version(), "the pattern read more than 10 characters");
        }
    };

    @Test
    void aNotCheckableCheckIsNotFollowedButMarked() {
        assertEquals(new Judgement(false, false, true), new ResponseJudge("*a*\nb").judge(RUNAWAY));
    }

    @Test
    void aDecidedFailureIsNotMarked() {
        Verifier never = new Verifier() {
            @Override
            public String id() {
                return "keywords:existence";
            }

            @Override
            public String version() {
                return "1";
            }

            @Override
            public Verdict check(String response) {
                return new Verdict(id(), version(), false, null, null, "add it", java.util.List.of());
            }
        };
        assertEquals(new Judgement(false, false, false), new ResponseJudge("*a*\nb").judge(never));
    }
}
