package io.trace2train.bench;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.langchain4j.service.AiServices;
import io.trace2train.backends.langchain4j.capture.EpisodeRecorder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH: what the episode recorder costs a LangChain4j agent. One agent call ({@code AiServices} with a {@code @Tool})
 * against a model that answers instantly inside the JVM: a tool call, then the final answer; every call a new
 * conversation. {@code recorder=none} is the agent alone, {@code recorder=on} the same agent with an
 * {@link EpisodeRecorder} writing every conversation to a temporary file as it ends. Run with
 * {@code ./trace2train bench jmh CaptureJmh}. Such an agent makes conversations faster than one writer thread can
 * write them, so {@code on} measures the agent held to the writer's pace (the recorder waits rather than drops);
 * {@link CaptureOverhead} measures what the hand-over itself costs the agent's thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CaptureJmh {

    @Param({"none", "on"})
    public String recorder;

    public interface Assistant {
        String answer(String question);
    }

    public static final class Tools {
        @Tool("Adds two integers")
        public int add(int a, int b) {
            return a + b;
        }
    }

    /** A model with no latency: it asks for the first tool once, then answers. */
    static final class ZeroLatencyModel implements ChatModel {
        private final List<ChatModelListener> listeners;

        ZeroLatencyModel(List<ChatModelListener> listeners) {
            this.listeners = listeners;
        }

        @Override
        public ChatResponse doChat(ChatRequest request) {
            List<ChatMessage> messages = request.messages();
            AiMessage answer;
            if (messages.getLast() instanceof UserMessage) {
                ToolSpecification tool = request.toolSpecifications().getFirst();
                List<String> names = List.copyOf(tool.parameters().properties().keySet());
                answer = AiMessage.from(ToolExecutionRequest.builder().id("call-" + messages.size()).name(tool.name())
                        .arguments("{\"" + names.get(0) + "\": 1, \"" + names.get(1) + "\": 2}").build());
            } else {
                answer = AiMessage.from("The sum is 3.");
            }
            return ChatResponse.builder().aiMessage(answer).modelName("zero-latency")
                    .tokenUsage(new TokenUsage(10, 5))
                    .finishReason(answer.hasToolExecutionRequests() ? FinishReason.TOOL_EXECUTION : FinishReason.STOP)
                    .build();
        }

        @Override
        public List<ChatModelListener> listeners() {
            return listeners;
        }
    }

    private Path file;
    private EpisodeRecorder episodes;
    private Assistant assistant;
    private long question;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        List<ChatModelListener> listeners = List.of();
        if (recorder.equals("on")) {
            file = Files.createTempFile("capture-jmh", ".jsonl");
            episodes = EpisodeRecorder.builder(file).quietPeriod(Duration.ZERO).open();
            listeners = List.of(episodes);
        }
        assistant = AiServices.builder(Assistant.class).chatModel(new ZeroLatencyModel(listeners))
                .tools(new Tools()).build();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        if (episodes != null) {
            episodes.close();
            System.out.printf("%n%d conversations recorded, %d bytes%n", episodes.written(), Files.size(file));
            Files.delete(file);
        }
    }

    @Benchmark
    public String agentCall() {
        return assistant.answer("What is 1 + 2? (question " + question++ + ")");
    }
}
