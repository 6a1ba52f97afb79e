package io.trace2train.backends.langchain4j;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.exception.RetriableException;
import io.trace2train.api.backend.BackendException;
import io.trace2train.api.backend.ModelInfo;

/**
 * Turns LangChain4j's failures into {@link BackendException}s that say whether a retry may help: rate limits (429),
 * server errors (5xx) and timeouts may pass; bad requests, authentication and unknown models will not. Messages name
 * the endpoint and model, never the API key.
 */
final class LangChain4jExceptionMapper {

    private LangChain4jExceptionMapper() {
    }

    static BackendException map(RuntimeException e, ModelInfo model) {
        if (e instanceof BackendException backend) {
            return backend;
        }
        String where = model.name() + " at " + model.revision();
        Integer status = status(e);
        if (status != null) {
            boolean retriable = status == 429 || status == 408 || status >= 500;
            return new BackendException(where + " answered HTTP " + status + (retriable ? " (will retry)" : "")
                    + ": " + brief(e), retriable, e);
        }
        if (e instanceof RetriableException || isTimeout(e)) {
            return new BackendException(where + " did not answer in time or failed transiently: " + brief(e), true, e);
        }
        if (e instanceof NonRetriableException) {
            return new BackendException(where + " refused the request: " + brief(e), false, e);
        }
        return new BackendException(where + " answered with something that is not an OpenAI chat completion ("
                + brief(e) + "); check --option base-url and that the server speaks the OpenAI API", false, e);
    }

    private static Integer status(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpException http) {
                return http.statusCode();
            }
        }
        return null;
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.http.HttpTimeoutException || t instanceof java.util.concurrent.TimeoutException
                    || t instanceof java.net.SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static String brief(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.length() > 300 ? message.substring(0, 300) + "..." : message;
    }
}
