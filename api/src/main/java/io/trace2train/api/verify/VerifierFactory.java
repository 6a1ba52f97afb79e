package io.trace2train.api.verify;

import io.trace2train.api.param.InvalidArgumentsException;
import io.trace2train.api.param.ParameterSpec;
import io.trace2train.api.param.VerifierArguments;
import java.util.List;

/**
 * Creates {@link Verifier}s of one instruction id from typed, validated arguments.
 */
public interface VerifierFactory {

    /**
     * The instruction id, {@code category:name} in lower case, letters, digits and {@code _}, and {@code -} in the
     * name (e.g. {@code "keywords:forbidden_words"}, IFBench's {@code "format:sub-bullets"}).
     */
    String id();

    /** The version of the checking rule, e.g. {@code "1.0.0"}. */
    String version();

    /** One sentence saying what the check requires, for listings. */
    String description();

    /** What its verifiers judge: the final answer's text (the default) or the whole agent episode. */
    default ConstraintScope scope() {
        return ConstraintScope.ANSWER;
    }

    /** The arguments this verifier takes; anything else is rejected at creation. */
    List<ParameterSpec> parameters();

    /**
     * Creates a verifier. The engine binds raw arguments with {@link VerifierArguments#bind} first, so the
     * arguments seen here are of the declared types; a factory may still reject values (a negative count, an empty
     * phrase) by throwing {@link InvalidArgumentsException}.
     */
    Verifier create(VerifierArguments arguments);
}
