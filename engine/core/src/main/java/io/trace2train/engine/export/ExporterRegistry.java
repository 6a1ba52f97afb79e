package io.trace2train.engine.export;

import io.trace2train.api.export.Exporter;
import io.trace2train.api.export.ExporterFactory;
import io.trace2train.engine.config.NamedOptions;
import io.trace2train.engine.io.BadInputException;
import io.trace2train.engine.plugin.PluginRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.SortedMap;

/** Every training-data exporter the loaded plugins provide, by format name. */
@Singleton
public final class ExporterRegistry {

    private final PluginRegistry<ExporterFactory> factories;

    @Inject
    ExporterRegistry(PluginRegistry<ExporterFactory> factories) {
        this.factories = factories;
    }

    /** @throws IllegalArgumentException naming the closest known format */
    public ExporterFactory factory(String format) {
        return factories.get(format);
    }

    /**
     * @param flavor null for the format's default flavor
     * @throws BadInputException for an unknown format or flavor
     * @throws IllegalArgumentException for a bad option value
     * @throws io.trace2train.api.param.InvalidArgumentsException naming each unknown option
     */
    public Exporter create(String format, String flavor, Map<String, String> options) {
        ExporterFactory factory = factory(format);
        String chosen = flavor == null ? factory.flavors().getFirst() : flavor;
        if (!factory.flavors().contains(chosen)) {
            throw new BadInputException("format " + format + " has no flavor '" + chosen + "': it is written"
                    + " as " + String.join(" or ", factory.flavors()));
        }
        NamedOptions.check("format " + format, factory.options(), options);
        return factory.create(chosen, options);
    }

    public SortedMap<String, ExporterFactory> all() {
        return factories.all();
    }
}
