package io.trace2train.engine.episode;

import static java.util.Objects.requireNonNull;

import io.trace2train.api.env.EnvironmentReplay;
import io.trace2train.api.record.ConstraintResult;
import io.trace2train.api.repair.ConstraintCheck;
import io.trace2train.api.task.ConstraintSpec;
import io.trace2train.api.task.Episode;
import io.trace2train.api.verify.Verdict;
import io.trace2train.api.verify.Verifier;
import io.trace2train.engine.run.VerifierFailure;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An episode's constraints with their verifiers, each judging the whole episode through
 * {@link Verifier#check(Episode, EnvironmentReplay)}: how imported and live episodes alike are judged.
 */
public final class EpisodeJudge {

    /** A verifier (often a plugin's) that threw on an episode instead of giving a verdict. */
    public static final class VerifierThrew extends VerifierFailure {

        private final int index;

        VerifierThrew(int index, String verifierId, Throwable cause) {
            super(verifierId, "threw", cause);
            this.index = index;
        }

        /** The constraint's position. */
        public int index() {
            return index;
        }
    }

    private final List<ConstraintSpec> constraints;
    private final List<Verifier> verifiers;

    /** @param verifiers one built verifier per constraint, in order */
    public EpisodeJudge(List<ConstraintSpec> constraints, List<Verifier> verifiers) {
        this.constraints = List.copyOf(constraints);
        this.verifiers = List.copyOf(verifiers);
        if (this.constraints.size() != this.verifiers.size()) {
            throw new IllegalArgumentException(constraints.size() + " constraints but " + verifiers.size()
                    + " verifiers");
        }
    }

    /**
     * Every constraint's verdict on {@code episode}, in order.
     *
     * @param replay the episode's environment, or null where it has none
     * @throws VerifierThrew when a verifier throws (a stack overflow included)
     */
    public List<ConstraintCheck> check(Episode episode, EnvironmentReplay replay) {
        requireNonNull(episode, "episode");
        ConstraintCheck[] checks = new ConstraintCheck[constraints.size()];
        for (int i = 0; i < checks.length; i++) {
            Verifier verifier = verifiers.get(i);
            Verdict verdict;
            try {
                verdict = verifier.check(episode, replay);
            } catch (RuntimeException | StackOverflowError e) {
                throw new VerifierThrew(i, verifier.id(), e);
            }
            checks[i] = new ConstraintCheck(i, constraints.get(i), verdict);
        }
        return List.of(checks);
    }

    /** The verifiers' versions by id, as records carry them. */
    public Map<String, String> versions() {
        Map<String, String> versions = new TreeMap<>();
        verifiers.forEach(v -> versions.put(v.id(), v.version()));
        return versions;
    }

    /** The checks as a record's results. */
    public static List<ConstraintResult> results(List<ConstraintCheck> checks) {
        return checks.stream().map(c -> new ConstraintResult(c.index(), c.verdict().verifierId(),
                c.verdict().verifierVersion(), c.constraint().level(), c.passed(), c.verdict().measured(),
                c.verdict().required(), c.verdict().hint(), c.verdict().evidence(), c.verdict().status(),
                c.verdict().steps())).toList();
    }

    /** Indices of the failing hard constraints. */
    public static List<Integer> hardViolations(List<ConstraintCheck> checks) {
        return checks.stream().filter(c -> c.hard() && !c.passed()).map(ConstraintCheck::index).toList();
    }
}
