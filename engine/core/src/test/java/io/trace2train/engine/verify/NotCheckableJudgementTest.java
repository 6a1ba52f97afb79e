package io.trace2train.engine.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.trace2train.api.param.VerifierArguments;
import io.trace2train.api.verify.Verifier;
import io.trace2train.api.verify.VerifierFactory;
import io.trace2train.verifiers.ifeval.IfevalPlugin;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A check that runs out of its work budget is not followed, and the judgement says it was not checkable. */
class NotCheckableJudgementTest {

    private static Verifier keywords(String keyword) {
        VerifierFactory factory = new IfevalPlugin().verifierFactories().stream()
                .filter(f -> f.id().equals("keywords:existence")).findFirst().orElseThrow();
        return factory.create(VerifierArguments.bind(factory.id(), factory.parameters(),
                Map.of("keywords", List.of(keyword))));
    }

    @Test
    void aRunawayRegexIsNotFollowedButMarked() {
        // the loose candidates (first line dropped, stars removed) are all runaway too
        String response = "*" + "x".repeat(2_500) + "\n" + "x".repeat(2_500);
        assertEquals(new Judgement(false, false, true), new ResponseJudge(response).judge(keywords("(x+x+)+y")));
    }

    @Test
    void aDecidedFailureIsNotMarked() {
        assertEquals(new Judgement(false, false, false), new ResponseJudge("xx\nyy").judge(keywords("zz")));
    }
}
