package io.trace2train.backends.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import dev.langchain4j.model.output.TokenUsage;
import io.trace2train.api.backend.BackendException;
import io.trace2train.api.backend.Generation;
import io.trace2train.api.backend.GenerationRequest;
import io.trace2train.api.backend.GenerationSettings;
import io.trace2train.api.backend.ModelBackend;
import io.trace2train.api.backend.ModelInfo;
import io.trace2train.api.env.ToolCall;
import io.trace2train.api.task.ChatMessage;
import io.trace2train.api.text.Secrets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * A model behind an OpenAI-compatible chat-completions endpoint, called through LangChain4j. Sampling settings go
 * with every request (so each retry's own seed reaches the model); LangChain4j's own retries are off, because the
 * engine retries what {@link LangChain4jExceptionMapper} calls retriable, with backoff, and counts it. Tools go out
 * and tool calls come back through LangChain4j's own types ({@link LangChain4jTools}).
 */
final class OpenAiCompatibleBackend implements ModelBackend {

    /** The pre-flight request's time limit at most: it is one small request. */
    private static final Duration PREFLIGHT = Duration.ofSeconds(10);

    private final OpenAiChatModel model;
    private final ModelInfo info;
    private final Semaphore inFlight;
    private final String baseUrl;
    private final String apiKey;
    private final Duration timeout;

    OpenAiCompatibleBackend(String baseUrl, String modelName, String apiKey, Duration timeout, int concurrency) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        this.timeout = timeout;
        this.model = OpenAiChatModel.builder()
                .baseUrl(baseUrl)
                .apiKey(apiKey == null ? "no-key" : apiKey) // endpoints without auth ignore the header
                .modelName(modelName)
                .timeout(timeout)
                .maxRetries(0)
                .build();
        this.info = new ModelInfo(OpenAiCompatibleBackendFactory.NAME, modelName, "endpoint " + baseUrl);
        this.inFlight = new Semaphore(concurrency, true);
    }

    @Override
    public ModelInfo model() {
        return info;
    }

    @Override
    public boolean canGenerate() {
        return true;
    }

    /** The endpoint is sent the tools and answers with OpenAI's {@code tool_calls}. */
    @Override
    public boolean supportsTools() {
        return true;
    }

    @Override
    public void preflight() {
        EndpointCheck.check(baseUrl, apiKey, apiKey != null, timeout.compareTo(PREFLIGHT) < 0 ? timeout : PREFLIGHT);
    }

    @Override
    public Generation generate(GenerationRequest request) {
        ChatRequest chat = ChatRequest.builder()
                .messages(request.messages().stream().map(OpenAiCompatibleBackend::message).toList())
                .parameters(parameters(request))
                .build();
        long start = System.nanoTime();
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendException("interrupted while waiting for a free connection", false, e);
        }
        try {
            ChatResponse response = model.chat(chat);
            AiMessage answer = response.aiMessage();
            List<ToolCall> calls = new ArrayList<>();
            if (answer != null && answer.hasToolExecutionRequests()) {
                for (ToolExecutionRequest call : answer.toolExecutionRequests()) {
                    calls.add(LangChain4jTools.call(call, calls.size()));
                }
            }
            String text = answer == null || answer.text() == null ? (calls.isEmpty() ? null : "") : answer.text();
            if (text == null) {
                throw new BackendException(info.name() + " at " + info.revision() + " answered without text", false);
            }
            TokenUsage usage = response.tokenUsage();
            return new Generation(text, count(usage == null ? null : usage.inputTokenCount()),
                    count(usage == null ? null : usage.outputTokenCount()), (System.nanoTime() - start) / 1_000_000,
                    calls);
        } catch (RuntimeException e) {
            BackendException mapped = LangChain4jExceptionMapper.map(e, info);
            // the key itself, should a message quote it
            throw new BackendException(Secrets.mask(mapped.getMessage(), apiKey), mapped.retriable(), null);
        } finally {
            inFlight.release();
        }
    }

    private static int count(Integer tokens) {
        return tokens == null ? 0 : tokens;
    }

    /**
     * The seed goes as the endpoint's 32-bit integer; a larger one would be sent altered, so it is refused. The tools
     * go as LangChain4j specifications (none: no {@code tools} field at all).
     */
    private static OpenAiChatRequestParameters parameters(GenerationRequest request) {
        GenerationSettings settings = request.settings();
        if (settings.seed() != (int) settings.seed()) {
            throw new BackendException("seed " + settings.seed() + " does not fit the 32-bit seed of OpenAI-compatible"
                    + " endpoints: choose a --seed between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE, false);
        }
        return OpenAiChatRequestParameters.builder()
                .temperature(settings.temperature())
                .topP(settings.topP())
                .seed((int) settings.seed())
                .maxCompletionTokens(settings.maxNewTokens())
                .stopSequences(settings.stop().isEmpty() ? null : settings.stop())
                .toolSpecifications(request.tools().isEmpty() ? null : LangChain4jTools.specifications(request.tools()))
                .build();
    }

    private static dev.langchain4j.data.message.ChatMessage message(ChatMessage message) {
        return switch (message.role()) {
            case SYSTEM -> SystemMessage.from(message.content());
            case USER -> UserMessage.from(message.content());
            case ASSISTANT -> message.callsTools()
                    ? AiMessage.from(message.content().isEmpty() ? null : message.content(), message.toolCalls()
                            .stream().map(LangChain4jTools::request).toList())
                    : AiMessage.from(message.content());
            case TOOL -> dev.langchain4j.data.message.ToolExecutionResultMessage.from(message.toolCallId(),
                    message.name(), message.content());
        };
    }
}
