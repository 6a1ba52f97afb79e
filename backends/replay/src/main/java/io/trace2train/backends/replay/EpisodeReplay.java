package io.trace2train.backends.replay;

import io.trace2train.api.backend.BackendException;
import io.trace2train.api.task.ChatMessage;
import io.trace2train.api.task.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Finds the recorded next assistant message for a conversation: among the episodes of its task (all episodes when
 * none is filed under that task id), the first whose messages start with the conversation and continue with an
 * assistant message. A conversation that left every recording is an error naming the message index where it differs
 * from the closest one (the one sharing the longest prefix), so a test or a re-scoring run sees where it went off.
 */
final class EpisodeReplay {

    private final List<RecordedEpisode> episodes;
    private final Map<String, List<RecordedEpisode>> byTask = new LinkedHashMap<>();

    EpisodeReplay(List<RecordedEpisode> episodes) {
        this.episodes = List.copyOf(episodes);
        for (RecordedEpisode episode : this.episodes) {
            if (episode.taskId() != null) {
                byTask.computeIfAbsent(episode.taskId(), id -> new ArrayList<>()).add(episode);
            }
        }
    }

    boolean isEmpty() {
        return episodes.isEmpty();
    }

    boolean hasTask(String taskId) {
        return byTask.containsKey(taskId);
    }

    /** The recorded assistant message that follows {@code conversation}, or null when no episode has it. */
    ChatMessage next(String taskId, List<ChatMessage> conversation) {
        for (RecordedEpisode episode : candidates(taskId)) {
            if (follows(episode, conversation)) {
                return episode.messages().get(conversation.size());
            }
        }
        return null;
    }

    /** Why {@link #next} found nothing, for the closest episode. */
    BackendException leftTheRecording(String taskId, List<ChatMessage> conversation) {
        RecordedEpisode closest = null;
        int shared = -1;
        for (RecordedEpisode episode : candidates(taskId)) {
            int common = commonPrefix(episode.messages(), conversation);
            if (common > shared) {
                closest = episode;
                shared = common;
            }
        }
        String task = "task " + taskId + (hasTask(taskId) ? "" : " (no episode has this task id; matched by messages)");
        if (closest == null) {
            return new BackendException(task + ": no recorded episode to replay", false);
        }
        List<ChatMessage> recorded = closest.messages();
        String why;
        if (shared < conversation.size() && shared < recorded.size()) {
            why = "the conversation left the recording at message " + shared + ": recorded " + describe(
                    recorded.get(shared)) + ", got " + describe(conversation.get(shared));
        } else if (shared < conversation.size()) {
            why = "the conversation left the recording at message " + shared + ": the recording ends after "
                    + recorded.size() + " messages, got " + describe(conversation.get(shared));
        } else if (shared == recorded.size()) {
            why = "the recording ends after message " + (shared - 1) + ": it has no further assistant message";
        } else {
            why = "the recording continues at message " + shared + " with " + describe(recorded.get(shared))
                    + ", not with an assistant message to replay";
        }
        return new BackendException(task + ": " + why + " (closest episode: " + closest.where() + ")", false);
    }

    private List<RecordedEpisode> candidates(String taskId) {
        return byTask.getOrDefault(taskId, episodes);
    }

    private static boolean follows(RecordedEpisode episode, List<ChatMessage> conversation) {
        List<ChatMessage> recorded = episode.messages();
        return recorded.size() > conversation.size() && recorded.get(conversation.size()).role() == Role.ASSISTANT
                && commonPrefix(recorded, conversation) == conversation.size();
    }

    private static int commonPrefix(List<ChatMessage> recorded, List<ChatMessage> conversation) {
        int n = Math.min(recorded.size(), conversation.size());
        for (int i = 0; i < n; i++) {
            if (!same(recorded.get(i), conversation.get(i))) {
                return i;
            }
        }
        return n;
    }

    /** The same turn: a tool result's {@code name} is optional in OpenAI's format, so it is not compared. */
    private static boolean same(ChatMessage recorded, ChatMessage sent) {
        return recorded.role() == sent.role() && recorded.content().equals(sent.content())
                && recorded.toolCalls().equals(sent.toolCalls())
                && Objects.equals(recorded.toolCallId(), sent.toolCallId());
    }

    private static String describe(ChatMessage message) {
        String text = message.content().length() > 60 ? message.content().substring(0, 60) + "..."
                : message.content();
        String calls = message.callsTools() ? " calling " + message.toolCalls().stream()
                .map(call -> call.name() + " " + call.arguments()).toList() : "";
        String result = message.toolCallId() == null ? "" : " answering " + message.toolCallId();
        return "a " + message.role().json() + " message" + result + " \"" + text + "\"" + calls;
    }
}
