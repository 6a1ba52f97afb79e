package io.trace2train.engine.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.trace2train.api.export.TaskRecords;
import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.engine.io.BadInputException;
import io.trace2train.engine.io.InputProblem;
import io.trace2train.engine.record.RecordJson;
import io.trace2train.engine.rollout.ForkRanker;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Streams a records file as groups, one per task: its records (one for a plain run, its forks for a rollout), ranked
 * best first. A group is handed over as soon as all its expected records were read, the rest at the end of the file,
 * so memory holds only the tasks still open: a run's forks of one task are written close together, however many
 * tasks the run has.
 */
public final class RecordGroups {

    private RecordGroups() {
    }

    /**
     * @param perTask records a task is complete with (1, or the rollout's forks)
     * @return the records read
     * @throws BadInputException naming the file and line of a line that is not a record
     */
    public static long forEach(Path records, int perTask, Consumer<TaskRecords> consumer) throws IOException {
        Map<String, List<ComplianceRecord>> open = new LinkedHashMap<>();
        long count = 0;
        try (BufferedReader reader = Files.newBufferedReader(records, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                ComplianceRecord record;
                try {
                    record = RecordJson.read(line);
                } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
                    throw new BadInputException(List.of(new InputProblem(records, number, "",
                            "not a " + ComplianceRecord.SCHEMA_VERSION + " record: " + message(e)
                                    + " (`trace2train validate` lists every problem)")));
                }
                count++;
                List<ComplianceRecord> group = open.computeIfAbsent(record.taskId(), t -> new ArrayList<>(perTask));
                group.add(record);
                if (group.size() >= perTask) {
                    open.remove(record.taskId());
                    consumer.accept(new TaskRecords(record.taskId(), ForkRanker.rank(group)));
                }
            }
        }
        open.forEach((task, group) -> consumer.accept(new TaskRecords(task, ForkRanker.rank(group))));
        return count;
    }

    private static String message(Exception e) {
        return e instanceof JsonProcessingException json ? json.getOriginalMessage() : String.valueOf(e.getMessage());
    }
}
