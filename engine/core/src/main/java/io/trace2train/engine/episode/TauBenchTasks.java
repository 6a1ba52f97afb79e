package io.trace2train.engine.episode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trace2train.api.env.EnvironmentSpec;
import io.trace2train.api.env.ToolDefinition;
import io.trace2train.api.task.ConstraintLevel;
import io.trace2train.api.task.ConstraintSpec;
import io.trace2train.api.task.TaskSpec;
import io.trace2train.api.task.UserSpec;
import io.trace2train.engine.io.BadInputException;
import io.trace2train.engine.io.InputProblem;
import io.trace2train.engine.io.JsonLines;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * τ-bench's tasks as agent tasks to run live ({@code examples/tau-bench/airline/tasks.jsonl} is made by this): from a
 * τ-bench log, one task per task id, in order of first appearance, with what {@code import --format tau-bench}
 * derives for that task's episodes (the prompt before the agent's first message, the constraints of τ-bench's reward
 * plus the structural ones, the environment's tools) and τ-bench's user simulator told the task's instruction. The
 * prompt is the lowest trial's: its system message is the policy and its first user message what τ-bench's simulator
 * opened with, which the simulator then continues.
 */
public final class TauBenchTasks {

    private TauBenchTasks() {
    }

    /**
     * @param log a τ-bench log ({@code {task_id, trial, messages, task}} a line, or run.py's array)
     * @param tools the tools the environment offers (what the importer gives an episode whose log names none)
     * @throws BadInputException listing the log's problems, or naming a task without a user instruction
     */
    public static List<TaskSpec> derive(Path log, List<ToolDefinition> tools) {
        List<InputProblem> problems = new ArrayList<>();
        Map<String, LoggedEpisode> first = new LinkedHashMap<>();
        new EpisodeLogReader(LogFormat.TAU_BENCH).read(log, episode -> first.merge(episode.taskKey(), episode,
                (kept, other) -> other.trial() < kept.trial() ? other : kept), problems);
        for (LoggedEpisode episode : first.values()) {
            if (episode.userInstruction() == null) {
                problems.add(new InputProblem(log, episode.line(), "task.instruction",
                        "expected the user simulator's instruction (a string)"));
            }
        }
        if (!problems.isEmpty()) {
            throw new BadInputException(problems);
        }
        EnvironmentSpec environment = new EnvironmentSpec(LogFormat.TAU_BENCH_ENVIRONMENT, Map.of());
        return first.values().stream().map(e -> new TaskSpec(e.taskKey(), e.promptMessages(),
                EpisodeImporter.constraints(e, List.of()), tools, environment,
                new UserSpec(List.of(), new UserSpec.Simulator(e.userInstruction())))).toList();
    }

    /** The task as a line of a tasks file ({@code TaskLoader} reads it back to an equal task). */
    public static String line(TaskSpec task) {
        ObjectNode row = JsonLines.mapper().createObjectNode();
        row.put("id", task.id());
        row.set("messages", JsonLines.mapper().valueToTree(task.messages()));
        row.set("tools", JsonLines.mapper().valueToTree(task.tools()));
        if (task.environment() != null) {
            row.set("environment", task.environment().options().isEmpty()
                    ? JsonLines.mapper().getNodeFactory().textNode(task.environment().name())
                    : JsonLines.mapper().valueToTree(task.environment()));
        }
        if (task.user() != null) {
            row.set("user", JsonLines.mapper().valueToTree(task.user()));
        }
        ArrayNode constraints = row.putArray("constraints");
        for (int i = 0; i < task.constraints().size(); i++) {
            ConstraintSpec c = task.constraints().get(i);
            // what the loader defaults (hard, priority = position, weight 1) is left out
            ObjectNode node = constraints.addObject().put("verifier", c.verifier());
            if (!c.arguments().isEmpty()) {
                node.set("args", JsonLines.mapper().valueToTree(c.arguments()));
            }
            if (c.level() != ConstraintLevel.HARD) {
                node.put("level", c.level().json());
            }
            if (c.priority() != i) {
                node.put("priority", c.priority());
            }
            if (c.weight() != 1.0) {
                node.put("weight", c.weight());
            }
        }
        try {
            return JsonLines.mapper().writeValueAsString(row);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
