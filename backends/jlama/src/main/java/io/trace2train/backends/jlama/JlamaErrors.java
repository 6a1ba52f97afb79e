package io.trace2train.backends.jlama;

/**
 * Jlama 0.8.4's known limits, turned into messages that say what to do: an architecture it does not implement,
 * tensor sizes that are not a multiple of the SIMD width, quantisation combinations it lacks.
 */
final class JlamaErrors {

    private JlamaErrors() {
    }

    static String explain(Throwable e) {
        String message = String.valueOf(e.getMessage());
        if (e instanceof UnsupportedOperationException) {
            return "Jlama does not implement this combination of weight and working types (" + message + "); try"
                    + " dtype=F32";
        }
        if (message.contains("Unknown model type") || message.contains("model_type")) {
            return "unsupported architecture (" + message + "); Jlama 0.8.4 runs llama, mistral, mixtral, qwen2,"
                    + " gemma, gemma2 and gpt2 models";
        }
        if (message.toLowerCase(java.util.Locale.ROOT).contains("multiple")) {
            return "a tensor size is not a multiple of the SIMD width (" + message + "); this model's shape does not"
                    + " suit Jlama's vector kernels";
        }
        return e.getClass().getSimpleName() + ": " + message;
    }
}
