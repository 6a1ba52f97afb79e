package io.trace2train.backends.replay;

import static java.util.Objects.requireNonNull;

import io.trace2train.api.backend.BackendException;
import io.trace2train.api.backend.Generation;
import io.trace2train.api.backend.GenerationRequest;
import io.trace2train.api.backend.ModelBackend;
import io.trace2train.api.backend.ModelInfo;
import io.trace2train.api.task.ChatMessage;
import io.trace2train.api.task.Role;
import io.trace2train.api.text.PythonText;
import java.nio.file.Path;
import java.util.Map;

/**
 * Answers from recorded responses: how existing agent logs are scored and turned into data. It has no model, so it
 * answers only a task's original conversation, with the answer recorded for it (by task id, else by the prompt
 * text); a retry or repair conversation is refused, and the runner notes that model strategies were skipped.
 * Recorded episodes are replayed turn by turn: a conversation that is a prefix of one (of its task, by task id) gets
 * that episode's next assistant message, text and tool calls, so an agent loop over the same environment reproduces
 * the episode; one that left the recording is refused, naming the message where it differs.
 * Token counts are 0: a recording does not say what the original model counted.
 */
public final class ReplayBackend implements ModelBackend {

    private final ModelInfo model;
    private final Map<String, String> byTaskId;
    private final Map<String, String> byPrompt;
    /** IFBench's fallback: responses by stripped prompt, for a prompt that differs only in padding. */
    private final Map<String, String> byStrippedPrompt;
    private final EpisodeReplay episodes;

    ReplayBackend(ModelInfo model, Map<String, String> byTaskId, Map<String, String> byPrompt,
            Map<String, String> byStrippedPrompt, EpisodeReplay episodes) {
        this.model = requireNonNull(model, "model");
        this.byTaskId = Map.copyOf(byTaskId);
        this.byPrompt = Map.copyOf(byPrompt);
        this.byStrippedPrompt = Map.copyOf(byStrippedPrompt);
        this.episodes = requireNonNull(episodes, "episodes");
    }

    /** @throws io.trace2train.api.param.InvalidArgumentsException naming FILE:LINE of a bad line */
    public static ReplayBackend load(Path file) {
        return RecordedAnswers.read(file);
    }

    @Override
    public ModelInfo model() {
        return model;
    }

    @Override
    public boolean canGenerate() {
        return false;
    }

    /** Recorded episodes replay the tool calls they hold. */
    @Override
    public boolean supportsTools() {
        return !episodes.isEmpty();
    }

    @Override
    public Generation generate(GenerationRequest request) {
        long start = System.nanoTime();
        if (!episodes.isEmpty()) {
            ChatMessage next = episodes.next(request.taskId(), request.messages());
            if (next != null) {
                return new Generation(next.content(), 0, 0, (System.nanoTime() - start) / 1_000_000,
                        next.toolCalls());
            }
            // a task filed under its id, or a log of episodes alone: the episode is the only answer there is
            if (episodes.hasTask(request.taskId()) || byTaskId.isEmpty() && byPrompt.isEmpty()) {
                throw episodes.leftTheRecording(request.taskId(), request.messages());
            }
        }
        if (!request.opensConversation()) {
            throw new BackendException("the replay backend has no model: it can only answer a task's original"
                    + " conversation with the recorded response (task " + request.taskId() + ")", false);
        }
        String answer = byTaskId.get(request.taskId());
        String prompt = request.messages().stream().filter(m -> m.role() == Role.USER).findFirst()
                .map(ChatMessage::content).orElse(null);
        if (answer == null && prompt != null) {
            answer = byPrompt.get(prompt);
        }
        if (answer == null && prompt != null) {
            answer = byStrippedPrompt.get(PythonText.strip(prompt));
        }
        if (answer == null) {
            throw new BackendException("no recorded response for task " + request.taskId() + " in " + model.name()
                    + " (looked up by task id and by prompt text)", false);
        }
        return new Generation(answer, 0, 0, (System.nanoTime() - start) / 1_000_000);
    }
}
