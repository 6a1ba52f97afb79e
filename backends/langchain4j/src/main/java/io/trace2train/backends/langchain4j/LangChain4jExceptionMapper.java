package io.trace2train.backends.langchain4j;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.exception.RetriableException;
import io.trace2train.api.backend.BackendException;
import io.trace2train.api.backend.ModelInfo;

/**
 * Turns LangChain4j's failures into {@link BackendException}s that say whether a retry may help: rate limits (429),
 * server errors (5xx), timeouts and a refused connection may pass; bad requests, authentication and unknown models
 * will not. Messages name the endpoint and model, never the API key, and never copy the server's error body (it may
 * echo the key, and it would go into every record): only its status and the OpenAI error's code or type.
 */
final class LangChain4jExceptionMapper {

    /** An OpenAI error body's "code" or "type": a short identifier such as invalid_api_key. */
    private static final java.util.regex.Pattern CODE = java.util.regex.Pattern.compile(
            "\"(?:code|type)\"\\s*:\\s*\"([A-Za-z0-9_.-]{1,60})\"");

    private LangChain4jExceptionMapper() {
    }

    static BackendException map(RuntimeException e, ModelInfo model) {
        if (e instanceof BackendException backend) {
            return backend;
        }
        String where = model.name() + " at " + model.revision();
        HttpException http = cause(e, HttpException.class);
        if (http != null) {
            int status = http.statusCode();
            boolean retriable = status == 429 || status == 408 || status >= 500;
            return new BackendException(where + " answered HTTP " + status + errorCode(http.getMessage())
                    + (retriable ? " (will retry)" : "") + advice(status), retriable, e);
        }
        if (cause(e, java.net.ConnectException.class) != null) {
            return new BackendException(where + " refused the connection (is the server running?)", true, e);
        }
        if (e instanceof RetriableException || isTimeout(e)) {
            return new BackendException(where + " did not answer in time or failed transiently ("
                    + innermost(e) + ")", true, e);
        }
        if (e instanceof NonRetriableException) {
            return new BackendException(where + " refused the request (" + innermost(e) + ")", false, e);
        }
        return new BackendException(where + " answered with something that is not an OpenAI chat completion ("
                + innermost(e) + "); check --option base-url and that the server speaks the OpenAI API", false, e);
    }

    /** " (invalid_api_key)": the OpenAI error's code or type when the body has one, else nothing. */
    private static String errorCode(String body) {
        if (body == null) {
            return "";
        }
        java.util.regex.Matcher code = CODE.matcher(body);
        if (code.find()) {
            return " (" + code.group(1) + ")";
        }
        return "";
    }

    private static String advice(int status) {
        return switch (status) {
            case 401, 403 -> ": check the key in the api-key-env variable";
            case 404 -> ": check --option model and base-url";
            default -> "";
        };
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static boolean isTimeout(Throwable e) {
        return cause(e, java.net.http.HttpTimeoutException.class) != null
                || cause(e, java.util.concurrent.TimeoutException.class) != null
                || cause(e, java.net.SocketTimeoutException.class) != null;
    }

    /** The innermost failure's kind, not its message: parser messages quote the body they choked on. */
    private static String innermost(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName();
    }
}
