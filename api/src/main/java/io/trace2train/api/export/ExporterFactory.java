package io.trace2train.api.export;

import io.trace2train.api.param.ParameterSpec;
import java.util.List;
import java.util.Map;

/**
 * Makes exporters of one training-data format (e.g. {@code sft}, {@code dpo}), in the flavors of the trainers that
 * read it (e.g. {@code trl}, {@code openai}).
 */
public interface ExporterFactory {

    /** The format's name, as {@code export --format} takes it: lower case, e.g. {@code "dpo"}. */
    String name();

    /** One line for listings. */
    String description();

    /** Bumped whenever the same run would export differently; exported rows carry it. */
    String version();

    /** The flavors this format is written in, the first the default. */
    List<String> flavors();

    /** The format's own options ({@code --option KEY=VALUE}); unknown ones are rejected before {@link #create}. */
    default List<ParameterSpec> options() {
        return List.of();
    }

    /**
     * @param flavor one of {@link #flavors()}
     * @param options values of {@link #options()}, as given
     * @throws IllegalArgumentException naming the option and what it accepts, for a bad value
     */
    Exporter create(String flavor, Map<String, String> options);
}
