package io.trace2train.verifiers.ifeval.format;

import io.trace2train.api.verify.VerifierFactory;
import java.util.List;

/** The IFEval `detectable_format:*` checks of this package. */
public final class FormatVerifiers {

    private FormatVerifiers() {
    }

    public static List<VerifierFactory> factories() {
        return List.of(
                BulletListCount.FACTORY,
                ConstrainedResponse.FACTORY,
                HighlightCount.FACTORY,
                SectionCount.FACTORY,
                JsonFormat.FACTORY,
                Title.FACTORY
        );
    }
}
