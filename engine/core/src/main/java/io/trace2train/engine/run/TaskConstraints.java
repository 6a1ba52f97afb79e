package io.trace2train.engine.run;

import io.trace2train.api.record.ConstraintResult;
import io.trace2train.api.repair.ConstraintCheck;
import io.trace2train.api.task.ConstraintSpec;
import io.trace2train.api.task.TaskSpec;
import io.trace2train.api.verify.Verifier;
import io.trace2train.engine.io.BadInputException;
import io.trace2train.engine.verify.VerifierRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A task's constraints with their verifiers, built once per run of the task. */
final class TaskConstraints {

    private final List<ConstraintSpec> specs;
    private final List<Verifier> verifiers;
    private final Cancellation cancellation;

    TaskConstraints(TaskSpec task, VerifierRegistry registry, Cancellation cancellation) {
        this.specs = task.constraints();
        this.cancellation = cancellation;
        List<Verifier> built = new ArrayList<>(specs.size());
        for (ConstraintSpec spec : specs) {
            try {
                built.add(registry.create(spec.verifier(), spec.arguments()));
            } catch (IllegalArgumentException | BadInputException | OutOfMemoryError e) {
                throw e;
            } catch (Throwable e) {
                throw new VerifierFailure(spec.verifier(), "could not be created", e);
            }
        }
        this.verifiers = List.copyOf(built);
    }

    /** Every constraint's verdict on {@code output}; a cancelled unit stops before the next verifier. */
    List<ConstraintCheck> check(String output) {
        List<ConstraintCheck> checks = new ArrayList<>(specs.size());
        for (int i = 0; i < specs.size(); i++) {
            cancellation.check();
            Verifier verifier = verifiers.get(i);
            io.trace2train.api.verify.Verdict verdict;
            try {
                verdict = verifier.check(output);
            } catch (OutOfMemoryError e) {
                throw e;
            } catch (Throwable e) {
                throw new VerifierFailure(specs.get(i).verifier(), "threw", e);
            }
            checks.add(new ConstraintCheck(i, specs.get(i), verdict));
        }
        return checks;
    }

    Map<String, String> versions() {
        Map<String, String> versions = new TreeMap<>();
        verifiers.forEach(v -> versions.put(v.id(), v.version()));
        return versions;
    }

    static boolean passesHard(List<ConstraintCheck> checks) {
        return checks.stream().allMatch(c -> !c.hard() || c.passed());
    }

    /** Indices of the failing hard constraints. */
    static List<Integer> hardViolations(List<ConstraintCheck> checks) {
        return checks.stream().filter(c -> c.hard() && !c.passed()).map(ConstraintCheck::index).toList();
    }

    /** The failing hard constraints in repair order: priority, then position. */
    static List<ConstraintCheck> targets(List<ConstraintCheck> checks) {
        return checks.stream().filter(c -> c.hard() && !c.passed())
                .sorted(java.util.Comparator.comparingInt((ConstraintCheck c) -> c.constraint().priority())
                        .thenComparingInt(ConstraintCheck::index))
                .toList();
    }

    static List<ConstraintResult> results(List<ConstraintCheck> checks) {
        return checks.stream().map(c -> new ConstraintResult(c.index(), c.verdict().verifierId(),
                c.verdict().verifierVersion(), c.constraint().level(), c.passed(), c.verdict().measured(),
                c.verdict().required(), c.verdict().hint(), c.verdict().evidence(), c.verdict().status(),
                c.verdict().steps())).toList();
    }
}
