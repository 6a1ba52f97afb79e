package io.trace2train.exporters.training.rewards;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trace2train.api.export.ExportRow;
import io.trace2train.api.export.TaskRecords;
import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.api.record.ConstraintResult;
import io.trace2train.api.task.ChatMessage;
import io.trace2train.api.task.ConstraintSpec;
import io.trace2train.exporters.training.EpisodeMessages;
import io.trace2train.exporters.training.Flavor;
import io.trace2train.exporters.training.FormatExporter;
import io.trace2train.exporters.training.Rows;
import io.trace2train.exporters.training.SkippedEpisodes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One row per record that ended with an answer (runs that ended in an error are left out): the prompt, the final
 * output, its reward with the function that gave it and the reward's parts, and each constraint with its arguments
 * (a JSON string, so that every verifier's arguments have one column type) and its verdict. An agent episode's
 * prompt is the task's conversation and its completion everything the agent did, with the offered {@code tools}.
 */
final class RewardsExporter extends FormatExporter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SkippedEpisodes skipped = new SkippedEpisodes(counts);

    RewardsExporter(Flavor flavor) {
        super("rewards", flavor);
    }

    @Override
    public void export(TaskRecords task, Consumer<ExportRow> rows) {
        for (ComplianceRecord record : task.ranked()) {
            if (record.error() != null || (!record.isEpisode() && record.attempts().isEmpty())) {
                continue;
            }
            double reward = record.rewardValue();
            Map<String, Object> row = new LinkedHashMap<>();
            List<ChatMessage> prompt = record.promptMessages();
            String completion = record.finalOutput();
            if (record.isEpisode()) {
                // the episode as KTO has it: the task's conversation, then everything the agent did
                Optional<EpisodeMessages.Split> split;
                try {
                    split = EpisodeMessages.split(flavor, record.episode());
                } catch (EpisodeMessages.MalformedArguments e) {
                    skipped.add(record, e);
                    continue;
                }
                if (split.isEmpty()) {
                    continue;
                }
                prompt = split.get().promptMessages();
                completion = split.get().completionText();
                row.put("prompt", split.get().prompt());
                row.put("completion", split.get().completion());
            } else {
                row.put("prompt", Rows.messages(prompt));
                row.put("completion", Rows.assistant(completion));
            }
            row.put("reward", reward);
            row.put("passed", record.passed());
            // always both keys, null for a record written without a reward: one column type across the file
            row.put("reward_function", record.reward() == null ? null
                    : record.reward().function() + "/" + record.reward().version());
            row.put("reward_parts", record.reward() == null ? null : parts(record.reward().parts()));
            List<Map<String, Object>> constraints = new ArrayList<>();
            for (ConstraintResult result : record.finalConstraints()) {
                ConstraintSpec spec = record.constraints() == null || result.index() >= record.constraints().size()
                        ? null : record.constraints().get(result.index());
                Map<String, Object> verdict = new LinkedHashMap<>();
                verdict.put("index", result.index());
                verdict.put("verifier", result.verifier());
                verdict.put("verifier_version", result.verifierVersion());
                // what a reward function needs to judge a new answer the same way, without the tasks file
                verdict.put("args_json", spec == null ? null : json(spec.arguments()));
                verdict.put("weight", spec == null ? null : spec.weight());
                verdict.put("level", result.level().json());
                verdict.put("passed", result.passed());
                verdict.put("measured", result.measured());
                verdict.put("required", result.required());
                constraints.add(verdict);
            }
            row.put("constraints", constraints);
            if (record.isEpisode()) {
                row.put("tools", EpisodeMessages.tools(record.episode().tools()));
            }
            rows.accept(new ExportRow(row, task.taskId(), prompt, List.of(completion), record.passed(), reward,
                    Rows.trace(record, Map.of("completion", Rows.origin(record, record.finalAttempt())))));
        }
    }

    @Override
    public List<String> report(long rows, long passedRows) {
        List<String> lines = new ArrayList<>(super.report(rows, passedRows));
        lines.addAll(skipped.report());
        return lines;
    }

    private static String json(Map<String, Object> arguments) {
        try {
            return JSON.writeValueAsString(arguments);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the arguments of a constraint are not JSON: " + arguments, e);
        }
    }

    /** {@code [{"name", "value"}, ...]}, by name: a list has one column type whatever parts a reward function has. */
    private static List<Map<String, Object>> parts(Map<String, Double> parts) {
        List<Map<String, Object>> list = new ArrayList<>();
        parts.forEach((name, value) -> {
            Map<String, Object> part = new LinkedHashMap<>();
            part.put("name", name);
            part.put("value", value);
            list.add(part);
        });
        return list;
    }
}
