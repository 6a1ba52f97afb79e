package io.trace2train.exporters.training;

import io.trace2train.api.export.Exporter;
import io.trace2train.api.export.ExporterFactory;
import io.trace2train.api.param.InvalidArgumentsException;
import java.util.List;
import java.util.Map;

/** What the formats of this plugin share: a name, a version, flavors, and strict parsing of their options. */
public abstract class FormatFactory implements ExporterFactory {

    private final String name;
    private final String description;
    private final List<Flavor> flavors;

    protected FormatFactory(String name, String description, List<Flavor> flavors) {
        this.name = name;
        this.description = description;
        this.flavors = List.copyOf(flavors);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    /** 2: unusable rows skipped, fully typed trace, rewards' parts as a list and constraints with arguments. */
    @Override
    public String version() {
        return "2";
    }

    @Override
    public final List<String> flavors() {
        return flavors.stream().map(Flavor::json).toList();
    }

    @Override
    public final Exporter create(String flavor, Map<String, String> options) {
        return create(Flavor.parse(flavor), options);
    }

    protected abstract Exporter create(Flavor flavor, Map<String, String> options);

    /** An option that must be a whole number of at least {@code min}. */
    protected final int intOption(Map<String, String> options, String key, int defaultValue, int min) {
        String text = options.get(key);
        if (text == null) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= min) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidArgumentsException("format " + name, key, "must be a whole number of at least " + min
                + ", got '" + text + "'");
    }

    /** An option that must be one of {@code allowed}. */
    protected final String choice(Map<String, String> options, String key, String defaultValue, List<String> allowed) {
        String value = options.getOrDefault(key, defaultValue).trim();
        if (!allowed.contains(value)) {
            throw new InvalidArgumentsException("format " + name, key, "must be one of " + allowed + ", got '" + value
                    + "'");
        }
        return value;
    }
}
