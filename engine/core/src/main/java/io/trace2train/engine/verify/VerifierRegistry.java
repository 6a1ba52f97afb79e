package io.trace2train.engine.verify;

import io.trace2train.api.param.VerifierArguments;
import io.trace2train.api.verify.Verifier;
import io.trace2train.api.verify.VerifierFactory;
import io.trace2train.engine.config.Suggestions;
import io.trace2train.engine.plugin.PluginRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/** Every verifier factory the loaded plugins provide, by instruction id. */
@Singleton
public final class VerifierRegistry {

    private final PluginRegistry<VerifierFactory> factories;

    @Inject
    VerifierRegistry(PluginRegistry<VerifierFactory> factories) {
        this.factories = factories;
    }

    /**
     * Creates the verifier of {@code id} from raw JSON-shaped arguments.
     *
     * @throws UnknownVerifierException when no plugin provides {@code id}
     * @throws io.trace2train.api.param.InvalidArgumentsException naming each wrong field
     */
    public Verifier create(String id, Map<String, ?> arguments) {
        VerifierFactory factory = factory(id)
                .orElseThrow(() -> new UnknownVerifierException(id, Suggestions.closest(id, factories.all().keySet(), 3)));
        return factory.create(VerifierArguments.bind(id, factory.parameters(), arguments));
    }

    public Optional<VerifierFactory> factory(String id) {
        return factories.find(id);
    }

    /** All factories, sorted by id. */
    public SortedMap<String, VerifierFactory> all() {
        return factories.all();
    }
}
