package io.trace2train.verifiers.ifeval;

import io.trace2train.api.param.VerifierArguments;
import io.trace2train.api.verify.Verdict;
import io.trace2train.api.verify.Verifier;
import io.trace2train.api.verify.VerifierFactory;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Creates IFEval verifiers in tests the way the engine does: bind the raw arguments, then create. */
public final class Checks {

    private static final Map<String, VerifierFactory> FACTORIES = new IfevalPlugin().verifierFactories().stream()
            .collect(Collectors.toUnmodifiableMap(VerifierFactory::id, Function.identity()));

    private Checks() {
    }

    public static VerifierFactory factory(String id) {
        VerifierFactory factory = FACTORIES.get(id);
        if (factory == null) {
            throw new IllegalArgumentException("no factory for " + id);
        }
        return factory;
    }

    public static Verifier create(String id, Map<String, ?> kwargs) {
        VerifierFactory factory = factory(id);
        return factory.create(VerifierArguments.bind(factory.id(), factory.parameters(), kwargs));
    }

    public static Verifier create(String id) {
        return create(id, Map.of());
    }

    public static Verdict check(String id, Map<String, ?> kwargs, String response) {
        return create(id, kwargs).check(response);
    }

    public static boolean passes(String id, Map<String, ?> kwargs, String response) {
        return check(id, kwargs, response).passed();
    }

    public static boolean passes(String id, String response) {
        return passes(id, Map.of(), response);
    }

    /** The text of each evidence range, in order. */
    public static List<String> evidenceTexts(Verdict verdict, String response) {
        return verdict.evidence().stream().map(e -> response.substring(e.start(), e.end())).toList();
    }

    /** Each evidence range as {@code [start, end]}. */
    public static List<List<Integer>> evidenceRanges(Verdict verdict) {
        return verdict.evidence().stream().map(e -> List.of(e.start(), e.end())).toList();
    }
}
