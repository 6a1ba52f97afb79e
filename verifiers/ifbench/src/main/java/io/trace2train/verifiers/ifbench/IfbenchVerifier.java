package io.trace2train.verifiers.ifbench;

import static java.util.Objects.requireNonNull;

import io.trace2train.api.verify.Verdict;
import io.trace2train.api.verify.Verifier;

/** A verifier of one IFBench instruction id: a configured {@link Check} whose findings are stamped with id and version. */
public final class IfbenchVerifier implements Verifier {

    private final String id;
    private final String version;
    private final Check check;

    public IfbenchVerifier(String id, String version, Check check) {
        this.id = requireNonNull(id, "id");
        this.version = requireNonNull(version, "version");
        this.check = requireNonNull(check, "check");
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public Verdict check(String response) {
        Finding finding = check.check(requireNonNull(response, "response"));
        return Verdict.of(this, finding.passed(), finding.measured(), finding.required(), finding.hint(),
                finding.evidence());
    }

    @Override
    public String toString() {
        return id;
    }
}
