package io.trace2train.engine.backend;

import io.trace2train.api.backend.BackendFactory;
import io.trace2train.api.backend.ModelBackend;
import io.trace2train.api.backend.ModelQuantizer;
import io.trace2train.engine.config.NamedOptions;
import io.trace2train.engine.io.BadInputException;
import io.trace2train.engine.plugin.PluginRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.SortedMap;

/** Every model backend the loaded plugins provide, by name. */
@Singleton
public final class BackendRegistry {

    private final PluginRegistry<BackendFactory> factories;

    @Inject
    BackendRegistry(PluginRegistry<BackendFactory> factories) {
        this.factories = factories;
    }

    /**
     * Creates the backend {@code name} from string options, rejecting unknown options (with the closest names) and
     * missing required ones, all at once.
     *
     * @throws IllegalArgumentException when no plugin provides {@code name}
     * @throws io.trace2train.api.param.InvalidArgumentsException naming each wrong option
     */
    public ModelBackend create(String name, Map<String, String> options) {
        BackendFactory factory = factories.get(name);
        NamedOptions.check("backend " + name, factory.options(), options);
        return factory.create(options);
    }

    /**
     * {@link #create Creates} the backend and runs its {@link ModelBackend#preflight() pre-flight check}, so what would
     * fail every call stops here, before any work; closes it when the check fails.
     */
    public ModelBackend open(String name, Map<String, String> options) {
        ModelBackend backend = create(name, options);
        try {
            backend.preflight();
        } catch (RuntimeException e) {
            try {
                backend.close();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return backend;
    }

    /**
     * What writes quantised copies of a backend's models.
     *
     * @throws io.trace2train.engine.io.BadInputException when the backend has no quantiser
     */
    public ModelQuantizer quantizer(String name) {
        return factories.get(name).quantizer().orElseThrow(() -> new BadInputException("backend " + name
                + " writes no quantised models; backends that do: " + all().values().stream()
                .filter(f -> f.quantizer().isPresent()).map(BackendFactory::name).toList()));
    }

    public SortedMap<String, BackendFactory> all() {
        return factories.all();
    }
}
