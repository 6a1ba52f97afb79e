package io.trace2train.verifiers.ifeval.content;

import io.trace2train.api.verify.VerifierFactory;
import java.util.List;

/** The IFEval `detectable_content:*` checks of this package. */
public final class ContentVerifiers {

    private ContentVerifiers() {
    }

    public static List<VerifierFactory> factories() {
        return List.of(
                PlaceholderCount.FACTORY,
                Postscript.FACTORY
        );
    }
}
