package io.trace2train.verifiers.ifeval.adversarial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trace2train.api.verify.CheckStatus;
import io.trace2train.api.verify.Verdict;
import io.trace2train.api.verify.Verifier;
import io.trace2train.verifiers.ifeval.Checks;
import io.trace2train.verifiers.ifeval.IfevalPlugin;
import io.trace2train.verifiers.text.CheckBudget;
import io.trace2train.verifiers.text.PythonRegex;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every built-in check reads a hostile answer a bounded number of times per character: the regex engine's reads are
 * counted ({@link CheckBudget#measure}) and must stay below {@value #READS_PER_CHAR} per character on a 256 K-character answer
 * of every adversarial shape. A quadratic pattern (the old {@code \s*} bullets and postscripts, the unclosed
 * {@code [} placeholders) read each character thousands of times here. No wall time is measured.
 */
class BoundedWorkTest {

    private static final int LENGTH = 1 << 18;
    private static final long READS_PER_CHAR = 100;

    @Test
    void samplesCoverEveryBuiltInCheck() {
        Set<String> ids = new IfevalPlugin().verifierFactories().stream().map(f -> f.id())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> sampled = SampleChecks.all().stream().map(SampleChecks.SampleCheck::id)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(ids, sampled);
    }

    @Test
    void everyCheckReadsEveryShapeALinearNumberOfTimes() {
        List<String> answers = AdversarialAnswers.all().stream().map(shape -> shape.of(LENGTH)).toList();
        List<String> overBudget = new ArrayList<>();
        for (SampleChecks.SampleCheck sample : SampleChecks.all()) {
            Verifier verifier = Checks.create(sample.id(), sample.kwargs());
            for (int i = 0; i < answers.size(); i++) {
                String answer = answers.get(i);
                long limit = READS_PER_CHAR * answer.length();
                Verdict[] verdict = new Verdict[1];
                long reads = CheckBudget.measure(limit, () -> verdict[0] = verifier.check(answer)).reads();
                if (verdict[0].notCheckable() || reads > limit) {
                    overBudget.add(sample + " on " + AdversarialAnswers.all().get(i).name() + ": "
                            + verdict[0].measured());
                }
            }
        }
        assertEquals(List.of(), overBudget);
    }

    @Test
    void theMeterSeesAQuadraticPattern() {
        // the old bullet pattern on a run of newlines: the meter must catch it, or the test above proves nothing
        Pattern old = PythonRegex.compile("^\\s*-.*$", PythonRegex.MULTILINE);
        String newlines = "\n".repeat(20_000);
        long reads = CheckBudget.measure(Long.MAX_VALUE,
                () -> PythonRegex.count(old, newlines)).reads();
        assertTrue(reads > 1_000L * newlines.length(), "reads " + reads);
    }

    @Test
    void aCheckThatRunsOutOfBudgetIsNotCheckable() {
        Verifier verifier = Checks.create("keywords:existence", Map.of("keywords", List.of("(x+x+)+y")));
        String answer = "x".repeat(2_500);
        Verdict verdict = verifier.check(answer);
        assertEquals(CheckStatus.NOT_CHECKABLE, verdict.status());
        assertFalse(verdict.passed());
        assertTrue(verdict.measured().startsWith("not checkable: "), verdict.measured());
    }

    @Test
    void aPatternThatOverflowsTheStackIsNotCheckable() {
        Verifier verifier = Checks.create("keywords:frequency", Map.of("keyword", "(?:a|b)*c", "relation", "at least",
                "frequency", 1));
        Verdict verdict = verifier.check("ab".repeat(500_000));
        assertEquals(CheckStatus.NOT_CHECKABLE, verdict.status());
        assertFalse(verdict.passed());
    }
}
