package io.trace2train.backends.jlama;

import java.util.Locale;

/**
 * Jlama 0.8.4's known limits, turned into messages that say what to do: an architecture it does not implement,
 * tensor sizes that are not a multiple of the SIMD width, quantisation combinations it lacks.
 */
final class JlamaErrors {

    /** The model types this Jlama implements, as config.json names them. */
    static final String SUPPORTED = java.util.Arrays.stream(
                    com.github.tjake.jlama.model.ModelSupport.ModelType.values())
            .map(t -> t.name().toLowerCase(Locale.ROOT)).sorted().toList().toString();

    private JlamaErrors() {
    }

    static String explain(Throwable thrown) {
        Throwable e = thrown;
        // Jlama wraps its failures (reflection, executors): the innermost cause says what went wrong
        while (e.getCause() != null && e.getCause() != e) {
            e = e.getCause();
        }
        String message = String.valueOf(e.getMessage());
        if (e instanceof UnsupportedOperationException) {
            return "Jlama does not implement this combination of weight and working types (" + message + "); try"
                    + " dtype=F32";
        }
        if (message.contains("ModelType") || message.contains("Unknown model type")) {
            String found = message.substring(message.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
            return "unsupported architecture '" + found + "'; Jlama " + "runs " + SUPPORTED;
        }
        if (message.toLowerCase(Locale.ROOT).contains("multiple")) {
            return "a tensor size is not a multiple of the SIMD width (" + message + "); this model's shape does not"
                    + " suit Jlama's vector kernels";
        }
        return e.getClass().getSimpleName() + ": " + message;
    }
}
