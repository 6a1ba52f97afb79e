package io.trace2train.backends.langchain4j;

import io.trace2train.api.param.InvalidArgumentsException;
import io.trace2train.api.text.Secrets;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * The pre-flight check of an endpoint: one {@code GET BASE/models} (the OpenAI API's cheapest call, no tokens) says
 * whether anything answers at the URL and whether it takes the credentials. Any other answer (a 404 from a server
 * without that route, a 5xx that may pass) lets the run start: only what would fail every call stops it.
 */
final class EndpointCheck {

    private static final String WHERE = "backend " + OpenAiCompatibleBackendFactory.NAME;

    private EndpointCheck() {
    }

    /** @throws InvalidArgumentsException naming base-url or api-key-env, with the fix */
    static void check(String baseUrl, String apiKey, boolean keyGiven, Duration timeout) {
        String shown = Secrets.mask(baseUrl);
        HttpRequest.Builder request = HttpRequest.newBuilder(models(baseUrl))
                .timeout(timeout).GET().header("Accept", "application/json");
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
        int status;
        try {
            status = client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new InvalidArgumentsException(WHERE, "base-url", "cannot connect to " + shown + " ("
                    + (e instanceof ConnectException ? "connection refused" : "no answer to connect") + "): start the"
                    + " server, or fix --option base-url");
        } catch (HttpTimeoutException e) {
            throw new InvalidArgumentsException(WHERE, "base-url", shown + " accepted the connection but did not"
                    + " answer within " + timeout.toSeconds() + " s: check that it is an OpenAI-compatible server");
        } catch (IOException e) {
            throw new InvalidArgumentsException(WHERE, "base-url", "cannot reach " + shown + " (" + reason(e)
                    + "): fix --option base-url");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InvalidArgumentsException(WHERE, "base-url", "interrupted while checking " + shown);
        } finally {
            client.close();
        }
        if (status == 401 || status == 403) {
            throw new InvalidArgumentsException(WHERE, "api-key-env", shown + " refused the credentials (HTTP "
                    + status + "): " + (keyGiven ? "the key in the api-key-env variable is not valid for it"
                    : "it needs an API key: give --option api-key-env=VARIABLE, a variable that holds it"));
        }
    }

    /** BASE/models, or a clear error for a base-url that is not an http(s) URL. */
    static URI models(String baseUrl) {
        try {
            URI uri = URI.create(baseUrl.endsWith("/") ? baseUrl + "models" : baseUrl + "/models");
            if (uri.getScheme() == null || !uri.getScheme().matches("(?i)https?") || uri.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new InvalidArgumentsException(WHERE, "base-url", "expected an http(s) URL such as"
                    + " http://localhost:8000/v1, got '" + Secrets.mask(baseUrl) + "'");
        }
    }

    private static String reason(IOException e) {
        if (e instanceof UnknownHostException) {
            return "unknown host";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : Secrets.mask(e.getMessage());
    }
}
