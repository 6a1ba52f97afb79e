package io.trace2train.backends.langchain4j.capture;

import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.Objects;

/** One model call as a listener saw it: the request (the whole history so far) and the model's answer. */
record Exchange(ChatRequest request, ChatResponse response) {

    Exchange {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(response.aiMessage(), "response.aiMessage");
    }
}
