package io.trace2train.engine.agent;

import io.trace2train.api.env.Environment;
import io.trace2train.api.env.EnvironmentFactory;
import io.trace2train.api.env.ToolCall;
import io.trace2train.api.repair.ConstraintCheck;
import io.trace2train.api.task.ChatMessage;
import io.trace2train.api.task.Episode;
import io.trace2train.api.task.Role;
import io.trace2train.api.verify.StepEvidence;
import java.util.List;
import java.util.Map;

/**
 * Where {@code full_pcl} forks a failing episode, and the environment as it was there. The fork point is the first
 * agent turn a failing constraint blames (the earliest {@link StepEvidence} message, or the agent turn that made a
 * blamed tool result); a failure that blames no step (a required call never made, a wrong final state no call is to
 * blame for, a wrong final answer) forks before the agent's last turn. A fork never rewrites the task's own messages.
 */
final class EpisodeFork {

    private EpisodeFork() {
    }

    /**
     * The index of the first message a fork replaces: an agent turn, or the end of the task's messages when the blame
     * lies in them; -1 when the agent never spoke.
     *
     * @param own how many messages of the episode are the task's
     * @param failing the failing constraints to repair
     */
    static int at(Episode episode, int own, List<ConstraintCheck> failing) {
        int blamed = failing.stream().flatMap(c -> c.verdict().steps().stream()).mapToInt(StepEvidence::message)
                .filter(m -> m < episode.messages().size()).min().orElse(-1);
        int at = blamed < 0 ? episode.finalAnswerIndex() : turnOf(episode.messages(), blamed);
        return at < 0 ? -1 : Math.max(at, own);
    }

    /** The agent turn at or before {@code message}: a tool result is blamed on the turn that made its call. */
    private static int turnOf(List<ChatMessage> messages, int message) {
        int at = message;
        while (at >= 0 && messages.get(at).role() != Role.ASSISTANT) {
            at--;
        }
        return at < 0 ? message : at;
    }

    /**
     * A fresh environment with the prefix's tool calls executed again in order: environments are deterministic, so
     * this is the state the episode had at the end of the prefix, and each fork owns its own instance.
     *
     * @throws IllegalStateException when a call answers otherwise than the episode recorded (the environment is not
     *     deterministic, so no fork can restore it)
     */
    static Environment restore(EnvironmentFactory factory, Map<String, String> options, List<ChatMessage> prefix) {
        return restore(factory, options, prefix, Integer.MAX_VALUE);
    }

    /** As {@link #restore(EnvironmentFactory, Map, List)}, executing only the prefix's first {@code executed} calls. */
    static Environment restore(EnvironmentFactory factory, Map<String, String> options, List<ChatMessage> prefix,
            int executed) {
        Environment environment = factory.create(options);
        int done = 0;
        for (int i = 0; i < prefix.size(); i++) {
            for (ToolCall call : prefix.get(i).toolCalls()) {
                if (done++ >= executed) {
                    return environment;
                }
                String answer = environment.execute(call).content();
                String recorded = recorded(prefix, i, call.id());
                if (recorded != null && !recorded.equals(answer)) {
                    throw new IllegalStateException("environment " + factory.name() + " answered call " + call.id()
                            + " of message " + i + " otherwise than the episode recorded: it is not deterministic,"
                            + " so a fork cannot restore its state");
                }
            }
        }
        return environment;
    }

    /** The recorded result of call {@code id} of message {@code turn}, or null when the prefix ends before it. */
    private static String recorded(List<ChatMessage> prefix, int turn, String id) {
        for (int j = turn + 1; j < prefix.size() && prefix.get(j).role() == Role.TOOL; j++) {
            if (id.equals(prefix.get(j).toolCallId())) {
                return prefix.get(j).content();
            }
        }
        return null;
    }
}
