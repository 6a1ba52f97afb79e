package io.trace2train.verifiers.ifbench;

import io.trace2train.api.plugin.Plugin;
import io.trace2train.api.repair.RepairStrategy;
import io.trace2train.api.verify.VerifierFactory;
import java.util.List;
import java.util.stream.Stream;

/**
 * IFBench's 58 out-of-distribution instruction checks (allenai/IFBench at db69a6f), with the reference's exact
 * semantics, quirks included (see SEMANTICS.md in {@code examples/ifbench}).
 */
public final class IfbenchPlugin implements Plugin {

    private static final List<IfbenchVerifierFactory> FACTORIES = Stream.of(
                    CountChecks.factories(),
                    RatioChecks.factories(),
                    WordChecks.factories(),
                    SentenceChecks.factories(),
                    FormatChecks.factories(),
                    CustomChecks.factories(),
                    RepeatChecks.factories())
            .flatMap(List::stream)
            .toList();

    @Override
    public String name() {
        return "ifbench";
    }

    @Override
    public List<VerifierFactory> verifierFactories() {
        return List.copyOf(FACTORIES);
    }

    /** Deterministic edits that fix single instructions exactly (see {@link IfbenchPatches}). */
    @Override
    public List<RepairStrategy> repairStrategies() {
        return PATCHES;
    }

    private static final List<RepairStrategy> PATCHES = IfbenchPatches.all(FACTORIES);

    /** The IFBench factories with their concrete type. */
    public static List<IfbenchVerifierFactory> factories() {
        return FACTORIES;
    }
}
