package io.trace2train.engine.episode;

import static java.util.Objects.requireNonNull;

import io.trace2train.api.env.Environment;
import io.trace2train.api.env.EnvironmentFactory;
import io.trace2train.api.env.EnvironmentReplay;
import io.trace2train.api.env.ToolCall;
import io.trace2train.api.env.ToolResult;
import io.trace2train.api.record.EnvironmentOutcome;
import io.trace2train.api.task.ChatMessage;
import io.trace2train.api.task.Episode;
import io.trace2train.api.task.Role;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A logged episode's calls replayed, in order, on one environment instance from its initial state (no copy per
 * call: the environment is the episode's own), and each logged tool result compared with what the environment
 * returned. What the constraints see as the episode's {@link EnvironmentReplay}.
 */
public final class ReplayedEpisode implements EnvironmentReplay {

    private final EnvironmentFactory factory;
    private final Map<String, String> options;
    private final String finalStateDigest;
    private final int compared;
    private final List<String> differences;

    private ReplayedEpisode(EnvironmentFactory factory, Map<String, String> options, String finalStateDigest,
            int compared, List<String> differences) {
        this.factory = factory;
        this.options = Map.copyOf(options);
        this.finalStateDigest = finalStateDigest;
        this.compared = compared;
        this.differences = List.copyOf(differences);
    }

    /** Replays every call of {@code episode} on a new environment of {@code factory}. */
    public static ReplayedEpisode replay(EnvironmentFactory factory, Map<String, String> options, Episode episode) {
        requireNonNull(factory, "factory");
        Environment environment = factory.create(options);
        Map<String, ToolResult> results = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        int compared = 0;
        List<String> differences = new ArrayList<>();
        List<ChatMessage> messages = episode.messages();
        for (int i = 0; i < messages.size(); i++) {
            ChatMessage message = messages.get(i);
            for (ToolCall call : message.toolCalls()) {
                results.put(call.id(), environment.execute(call));
                names.put(call.id(), call.name());
            }
            if (message.role() == Role.TOOL) {
                ToolResult result = results.remove(message.toolCallId()); // a second answer is tool:answered's
                if (result != null) {
                    compared++;
                    if (!result.content().equals(message.content())) {
                        differences.add("message " + i + ", call " + message.toolCallId() + " ("
                                + names.get(message.toolCallId()) + "): the log's tool result differs from what "
                                + factory.name() + " returns on replay: " + excerpt(result.content()));
                    }
                }
            }
        }
        return new ReplayedEpisode(factory, options, environment.stateDigest(), compared, differences);
    }

    private static String excerpt(String text) {
        return text.length() <= 160 ? text : text.substring(0, 160) + "...";
    }

    @Override
    public String name() {
        return factory.name();
    }

    @Override
    public String version() {
        return factory.version();
    }

    @Override
    public String finalStateDigest() {
        return finalStateDigest;
    }

    @Override
    public Environment fresh() {
        return factory.create(options);
    }

    /** Logged tool results compared with the environment's. */
    public int compared() {
        return compared;
    }

    /** One line per logged result that differs: message index, call id, tool. */
    public List<String> differences() {
        return differences;
    }

    public EnvironmentOutcome outcome() {
        return new EnvironmentOutcome(name(), version(), finalStateDigest, compared, differences.size());
    }
}
