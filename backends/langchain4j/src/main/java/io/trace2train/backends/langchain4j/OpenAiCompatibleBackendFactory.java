package io.trace2train.backends.langchain4j;

import io.trace2train.api.backend.BackendFactory;
import io.trace2train.api.backend.ModelBackend;
import io.trace2train.api.param.InvalidArgumentsException;
import io.trace2train.api.param.ParameterSpec;
import io.trace2train.api.param.ParameterType;
import io.trace2train.api.text.Secrets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Creates {@link OpenAiCompatibleBackend}s from their options. */
final class OpenAiCompatibleBackendFactory implements BackendFactory {

    static final String NAME = "langchain4j";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<ParameterSpec> options() {
        return List.of(
                ParameterSpec.required("base-url", ParameterType.STRING,
                        "the endpoint, e.g. http://localhost:8000/v1 (vLLM) or https://api.openai.com/v1"),
                ParameterSpec.required("model", ParameterType.STRING, "the model name the endpoint serves"),
                ParameterSpec.optional("api-key-env", ParameterType.STRING,
                        "the environment variable that holds the API key (the key itself is never logged)"),
                ParameterSpec.optional("timeout-seconds", ParameterType.INTEGER, "per request (default 60)"),
                ParameterSpec.optional("concurrency", ParameterType.INTEGER,
                        "requests in flight to this endpoint at most (default 4)"));
    }

    @Override
    public ModelBackend create(Map<String, String> options) {
        String keyVariable = options.get("api-key-env");
        String key = null;
        if (keyVariable != null) {
            if (!keyVariable.matches("[A-Za-z_][A-Za-z0-9_]*") || Secrets.holdsSecret(keyVariable)) {
                // never repeat the value: it is most likely the key itself
                throw new InvalidArgumentsException("backend " + NAME, "api-key-env", "expected the NAME of an"
                        + " environment variable that holds the API key (e.g. OPENAI_API_KEY), got a value that is not"
                        + " a variable name (the key itself?); export the key and pass the variable's name");
            }
            key = System.getenv(keyVariable);
            if (key == null || key.isBlank()) {
                throw new InvalidArgumentsException("backend " + NAME, "api-key-env", "the environment variable "
                        + keyVariable + " is not set: export it with the API key, or drop the option for an endpoint"
                        + " that needs no key");
            }
        }
        EndpointCheck.models(options.get("base-url"));
        return new OpenAiCompatibleBackend(options.get("base-url"), options.get("model"), key,
                Duration.ofSeconds(positive(options, "timeout-seconds", 60)), positive(options, "concurrency", 4));
    }

    private static int positive(Map<String, String> options, String name, int otherwise) {
        String value = options.get(name);
        if (value == null) {
            return otherwise;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidArgumentsException("backend " + NAME, name, "expected a positive integer, got '" + value + "'");
    }
}
