package io.trace2train.verifiers.ifeval;

import io.trace2train.api.plugin.Plugin;
import io.trace2train.api.repair.RepairStrategy;
import io.trace2train.api.verify.VerifierFactory;
import io.trace2train.verifiers.ifeval.casing.CasingVerifiers;
import io.trace2train.verifiers.ifeval.combination.CombinationVerifiers;
import io.trace2train.verifiers.ifeval.content.ContentVerifiers;
import io.trace2train.verifiers.ifeval.format.FormatVerifiers;
import io.trace2train.verifiers.ifeval.keywords.KeywordVerifiers;
import io.trace2train.verifiers.ifeval.language.LanguageVerifiers;
import io.trace2train.verifiers.ifeval.length.LengthVerifiers;
import io.trace2train.verifiers.ifeval.punctuation.PunctuationVerifiers;
import io.trace2train.verifiers.ifeval.repair.Patches;
import io.trace2train.verifiers.ifeval.startend.StartEndVerifiers;
import java.util.List;
import java.util.stream.Stream;

/** IFEval's 25 instruction checks, with the reference's exact semantics (see SEMANTICS.md in the test data). */
public final class IfevalPlugin implements Plugin {

    @Override
    public String name() {
        return "ifeval";
    }

    @Override
    public List<VerifierFactory> verifierFactories() {
        return FACTORIES;
    }

    /** Deterministic edits that fix single instructions exactly (see {@link Patches}). */
    @Override
    public List<RepairStrategy> repairStrategies() {
        return Patches.all(FACTORIES);
    }

    private static final List<VerifierFactory> FACTORIES = all();

    private static List<VerifierFactory> all() {
        return Stream.of(
                        CasingVerifiers.factories(),
                        CombinationVerifiers.factories(),
                        ContentVerifiers.factories(),
                        FormatVerifiers.factories(),
                        KeywordVerifiers.factories(),
                        LanguageVerifiers.factories(),
                        LengthVerifiers.factories(),
                        PunctuationVerifiers.factories(),
                        StartEndVerifiers.factories())
                .flatMap(List::stream)
                .toList();
    }
}
