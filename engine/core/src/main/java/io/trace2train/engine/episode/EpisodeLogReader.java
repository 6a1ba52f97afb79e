package io.trace2train.engine.episode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trace2train.api.env.EnvironmentSpec;
import io.trace2train.api.env.ToolDefinition;
import io.trace2train.api.task.ChatMessage;
import io.trace2train.api.task.ConstraintSpec;
import io.trace2train.api.task.Role;
import io.trace2train.engine.io.Digests;
import io.trace2train.engine.io.InputProblem;
import io.trace2train.engine.io.JsonLines;
import io.trace2train.engine.task.AgentFields;
import io.trace2train.engine.task.TaskLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads agent logs episode by episode. Each episode's problems (FILE:LINE: field: message) are reported and the
 * episode is skipped; the others are read. A τ-bench task becomes the constraints that express τ-bench's own reward
 * ({@code env:state_matches} of its actions, {@code answer:told_user} of its outputs) plus the structural ones.
 */
public final class EpisodeLogReader {

    /** The constraints every imported episode is judged by: it called tools it had, well-formed, and got answers. */
    public static final List<String> STRUCTURAL = List.of("tool:known", "tool:arguments_valid", "tool:answered");
    public static final String STATE_MATCHES = "env:state_matches";
    public static final String TOLD_USER = "answer:told_user";

    private static final Set<String> OPENAI_KEYS = Set.of("messages", "tools", "parallel_tool_calls", "task_id",
            "constraints", "environment", "model", "reward", "metadata");
    private static final Set<String> TAU_LINE_KEYS = Set.of("task_id", "trial", "messages", "task", "reward", "info");
    private static final Set<String> TAU_RESULT_KEYS = Set.of("task_id", "trial", "reward", "info", "traj");

    private final LogFormat format;

    public EpisodeLogReader(LogFormat format) {
        this.format = format;
    }

    /**
     * Reads every episode of {@code file}, in order, handing each good one on; each bad one's problems go to
     * {@code problems}. A τ-bench file starting with {@code [} is run.py's array, any other one episode a line.
     */
    public void read(Path file, Consumer<LoggedEpisode> episodes, List<InputProblem> problems) {
        JsonLines.RowHandler handler = (row, line) -> {
            LoggedEpisode episode = episode(file, row, line, problems);
            if (episode != null) {
                episodes.accept(episode);
            }
        };
        if (format == LogFormat.TAU_BENCH && startsWithArray(file)) {
            JsonLines.readArray(file, handler, problems);
        } else {
            JsonLines.read(file, handler, problems);
        }
    }

    private static boolean startsWithArray(Path file) {
        try (var in = java.nio.file.Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int c;
            while ((c = in.read()) >= 0) {
                if (!Character.isWhitespace(c) && c != '\uFEFF') {
                    return c == '[';
                }
            }
            return false;
        } catch (java.io.IOException e) {
            return false; // the reader reports the file as unreadable
        }
    }

    /** One row as an episode, or null (its problems added); a reward service's episode items are read with this too. */
    public LoggedEpisode episode(Path file, ObjectNode row, int line, List<InputProblem> problems) {
        return format == LogFormat.OPENAI ? openai(file, row, line, problems) : tauBench(file, row, line, problems);
    }

    private static LoggedEpisode openai(Path file, ObjectNode row, int line, List<InputProblem> problems) {
        int before = problems.size();
        unknownKeys(row, OPENAI_KEYS, file, line, problems);
        List<ChatMessage> messages = EpisodeMessages.read(row.get("messages"), file, line, "messages", problems);
        List<ToolDefinition> tools = AgentFields.tools(row.get("tools"), file, line, problems);
        List<ConstraintSpec> constraints = row.has("constraints")
                ? TaskLoader.constraints(row.get("constraints"), file, line, "constraints", problems) : List.of();
        EnvironmentSpec environment = AgentFields.environment(row.get("environment"), file, line, problems);
        String taskKey = taskKey(row.get("task_id"), file, line, problems);
        Double reward = reward(row.get("reward"), file, line, problems);
        // the model: the line's own field, else the one trace2train's LangChain4j capture puts in its metadata
        JsonNode model = row.has("model") ? row.get("model") : row.path("metadata").get("model");
        if (model != null && !model.isTextual()) {
            problems.add(new InputProblem(file, line, "model", "expected the model's name (a string)"));
        }
        if (problems.size() > before) {
            return null;
        }
        return new LoggedEpisode(taskKey != null ? taskKey : hashKey(messages), null, messages, tools, constraints,
                environment, line, reward, model == null ? null : model.textValue(), null);
    }

    private static LoggedEpisode tauBench(Path file, ObjectNode row, int line, List<InputProblem> problems) {
        int before = problems.size();
        boolean result = row.has("traj");
        unknownKeys(row, result ? TAU_RESULT_KEYS : TAU_LINE_KEYS, file, line, problems);
        String messagesField = result ? "traj" : "messages";
        List<ChatMessage> messages = EpisodeMessages.read(row.get(messagesField), file, line, messagesField,
                problems);
        String taskKey = taskKey(row.get("task_id"), file, line, problems);
        if (taskKey == null && problems.size() == before) {
            problems.add(new InputProblem(file, line, "task_id", "missing: a τ-bench episode names its task"));
        }
        JsonNode trial = row.get("trial");
        if (trial == null || !trial.canConvertToExactIntegral() || trial.asInt() < 0) {
            problems.add(new InputProblem(file, line, "trial", "expected the trial number (an integer, 0 or more)"));
        }
        String taskField = result ? "info.task" : "task";
        JsonNode task = result ? row.path("info").get("task") : row.get("task");
        List<ConstraintSpec> constraints = tauConstraints(task, taskField, file, line, problems);
        Double reward = reward(row.get("reward"), file, line, problems);
        if (problems.size() > before) {
            return null;
        }
        JsonNode instruction = task == null ? null : task.get("instruction");
        return new LoggedEpisode(taskKey, trial.asInt(), messages, List.of(), constraints, null, line, reward, null,
                instruction != null && instruction.isTextual() ? instruction.textValue() : null);
    }

    /** τ-bench's reward as constraints: the expected actions' state and the outputs told to the user. */
    private static List<ConstraintSpec> tauConstraints(JsonNode task, String field, Path file, int line,
            List<InputProblem> problems) {
        if (task == null || !task.isObject()) {
            problems.add(new InputProblem(file, line, field, "expected the task {user_id, actions, instruction,"
                    + " outputs}"));
            return List.of();
        }
        JsonNode actions = task.get("actions");
        List<Object> expected = new ArrayList<>();
        if (actions == null || !actions.isArray()) {
            problems.add(new InputProblem(file, line, field + ".actions", "expected a list of {name, kwargs}"));
        } else {
            for (int i = 0; i < actions.size(); i++) {
                JsonNode action = actions.get(i);
                if (!action.path("name").isTextual() || !action.path("kwargs").isObject()) {
                    problems.add(new InputProblem(file, line, field + ".actions[" + i + "]",
                            "expected {name, kwargs} with a string name and an object kwargs"));
                    continue;
                }
                Map<String, Object> call = new LinkedHashMap<>();
                call.put("name", action.get("name").textValue());
                call.put("arguments", JsonLines.mapper().convertValue(action.get("kwargs"), Map.class));
                expected.add(call);
            }
        }
        JsonNode outputs = task.get("outputs");
        List<Object> told = new ArrayList<>();
        if (outputs != null && !outputs.isNull()) {
            if (!outputs.isArray()) {
                problems.add(new InputProblem(file, line, field + ".outputs", "expected a list of strings"));
            } else {
                for (int i = 0; i < outputs.size(); i++) {
                    if (!outputs.get(i).isTextual()) {
                        problems.add(new InputProblem(file, line, field + ".outputs[" + i + "]", "expected a string"));
                    } else {
                        told.add(outputs.get(i).textValue());
                    }
                }
            }
        }
        List<ConstraintSpec> constraints = new ArrayList<>();
        constraints.add(ConstraintSpec.hard(STATE_MATCHES, Map.of("actions", expected), 0));
        constraints.add(ConstraintSpec.hard(TOLD_USER, Map.of("outputs", told), 1));
        return constraints;
    }

    private static void unknownKeys(ObjectNode row, Set<String> known, Path file, int line,
            List<InputProblem> problems) {
        row.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                problems.add(new InputProblem(file, line, name, "unknown field; an episode has "
                        + new java.util.TreeSet<>(known)));
            }
        });
    }

    /** The {@code task_id} as text (τ-bench writes integers), null when absent. */
    private static String taskKey(JsonNode id, Path file, int line, List<InputProblem> problems) {
        if (id == null || id.isNull()) {
            return null;
        }
        if (id.isTextual() && !id.textValue().isBlank() || id.isIntegralNumber()) {
            return id.asText();
        }
        problems.add(new InputProblem(file, line, "task_id", "expected a non-blank string or an integer"));
        return null;
    }

    private static Double reward(JsonNode reward, Path file, int line, List<InputProblem> problems) {
        if (reward == null || reward.isNull()) {
            return null;
        }
        if (!reward.isNumber() || !Double.isFinite(reward.doubleValue())) {
            problems.add(new InputProblem(file, line, "reward", "expected a number"));
            return null;
        }
        return reward.doubleValue();
    }

    /** A task key for a log without task ids: episodes with the same system and first user message are forks. */
    static String hashKey(List<ChatMessage> messages) {
        String system = messages.stream().filter(m -> m.role() == Role.SYSTEM).map(ChatMessage::content)
                .findFirst().orElse("");
        String user = messages.stream().filter(m -> m.role() == Role.USER).map(ChatMessage::content).findFirst()
                .orElseThrow();
        return "episode-" + Digests.sha256((system + "\u0000" + user).getBytes(StandardCharsets.UTF_8))
                .substring("sha256:".length(), "sha256:".length() + 12);
    }
}
