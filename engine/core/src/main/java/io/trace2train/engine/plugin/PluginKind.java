package io.trace2train.engine.plugin;

import static java.util.Objects.requireNonNull;

import io.trace2train.api.backend.BackendFactory;
import io.trace2train.api.env.EnvironmentFactory;
import io.trace2train.api.export.ExporterFactory;
import io.trace2train.api.plugin.Plugin;
import io.trace2train.api.repair.RepairStrategy;
import io.trace2train.api.reward.RewardFunction;
import io.trace2train.api.verify.VerifierFactory;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One kind of thing plugins contribute, and everything the engine needs to know about it: how a plugin lists them,
 * how each is named, what a valid name looks like, and what else each must declare. {@link #ALL} drives the loader's
 * checks, the Guice bindings and the {@link PluginRegistry registries}, so a new kind is one constant here.
 *
 * @param noun the singular for messages, e.g. {@code "export format"}
 * @param plural the plural for messages, e.g. {@code "exporters"}
 * @param type the contract in {@code io.trace2train.api}
 * @param contributions what one plugin contributes (the {@link Plugin} method)
 * @param name the name a contribution is bound and picked by
 * @param validName the form a name must have
 * @param rule the form in words, for the error message
 * @param missing what else a valid contribution lacks (e.g. {@code "has no version"}), empty when nothing
 */
public record PluginKind<T>(
        String noun,
        String plural,
        Class<T> type,
        Function<Plugin, List<T>> contributions,
        Function<T, String> name,
        Pattern validName,
        String rule,
        Function<T, Optional<String>> missing) {

    private static final Pattern SIMPLE_NAME = Pattern.compile("[a-z][a-z0-9_-]{0,63}");
    private static final String SIMPLE_RULE = "lower-case letters, digits, '_' or '-'";

    public static final PluginKind<VerifierFactory> VERIFIERS = new PluginKind<>("verifier", "verifiers",
            VerifierFactory.class, Plugin::verifierFactories, VerifierFactory::id,
            // IFBench names one instruction format:sub-bullets, so a name may also hold '-'
            Pattern.compile("[a-z][a-z0-9_]*:[a-z][a-z0-9_-]*"),
            "'category:name' in lower-case letters, digits and '_' (and '-' in the name)",
            f -> blank(f.version()) ? Optional.of("has no version") : Optional.empty());

    public static final PluginKind<BackendFactory> BACKENDS = simple("backend", "backends", BackendFactory.class,
            Plugin::backendFactories, BackendFactory::name);

    public static final PluginKind<RepairStrategy> REPAIR_STRATEGIES = new PluginKind<>("repair strategy",
            "repair strategies", RepairStrategy.class, Plugin::repairStrategies, RepairStrategy::name,
            Pattern.compile("[a-z][a-z0-9_:-]{0,63}"), "lower-case letters, digits, '_', '-' and ':'",
            s -> Optional.empty());

    public static final PluginKind<ExporterFactory> EXPORTERS = new PluginKind<>("export format", "exporters",
            ExporterFactory.class, Plugin::exporterFactories, ExporterFactory::name, SIMPLE_NAME, SIMPLE_RULE,
            f -> f.flavors() == null || f.flavors().isEmpty() ? Optional.of("names no flavor") : Optional.empty());

    public static final PluginKind<RewardFunction> REWARDS = simple("reward", "rewards", RewardFunction.class,
            Plugin::rewardFunctions, RewardFunction::name);

    public static final PluginKind<EnvironmentFactory> ENVIRONMENTS = new PluginKind<>("environment", "environments",
            EnvironmentFactory.class, Plugin::environmentFactories, EnvironmentFactory::name, SIMPLE_NAME, SIMPLE_RULE,
            f -> blank(f.version()) ? Optional.of("has no version") : Optional.empty());

    /** Every kind, in the order listings show them. */
    public static final List<PluginKind<?>> ALL =
            List.of(VERIFIERS, BACKENDS, REPAIR_STRATEGIES, EXPORTERS, REWARDS, ENVIRONMENTS);

    public PluginKind {
        requireNonNull(noun, "noun");
        requireNonNull(plural, "plural");
        requireNonNull(type, "type");
        requireNonNull(contributions, "contributions");
        requireNonNull(name, "name");
        requireNonNull(validName, "validName");
        requireNonNull(rule, "rule");
        requireNonNull(missing, "missing");
    }

    /** What {@code plugin} contributes of this kind; a null list counts as none. */
    public List<T> of(Plugin plugin) {
        List<T> items = contributions.apply(plugin);
        return items == null ? List.of() : items;
    }

    /** "a verifier", "an environment". */
    String withArticle() {
        return ("aeiou".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
    }

    String nameOf(T item) {
        return name.apply(item);
    }

    private static <T> PluginKind<T> simple(String noun, String plural, Class<T> type,
            Function<Plugin, List<T>> contributions, Function<T, String> name) {
        return new PluginKind<>(noun, plural, type, contributions, name, SIMPLE_NAME, SIMPLE_RULE,
                item -> Optional.empty());
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    @Override
    public String toString() {
        return plural;
    }
}
