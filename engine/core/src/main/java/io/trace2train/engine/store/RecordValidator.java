package io.trace2train.engine.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.trace2train.engine.io.InputProblem;
import io.trace2train.engine.io.StrictJson;
import io.trace2train.engine.record.RecordJson;
import io.trace2train.engine.record.RecordSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Checks a records file line by line against the record schema. */
public final class RecordValidator {

    /**
     * What a file holds.
     *
     * @param records lines that are records (valid or not)
     * @param problems one entry per problem, FILE:LINE: field: message
     * @param invalidLines how many lines have a problem
     */
    public record Report(int records, List<InputProblem> problems, int invalidLines) {
    }

    private RecordValidator() {
    }

    /**
     * Checks every line against the schema, finds a unit's second record, and, where the file is a run folder's
     * (a {@code manifest.json} beside it), a record of another run.
     *
     * @throws IOException when the file cannot be read
     */
    public static Report validate(Path file) throws IOException {
        String runId = manifestRunId(file);
        UnitKeys units = new UnitKeys();
        List<InputProblem> problems = new ArrayList<>();
        int records = 0;
        int invalid = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                records++;
                List<InputProblem> found = new ArrayList<>();
                try {
                    JsonNode record = RecordJson.mapper().readTree(line);
                    for (String message : RecordSchema.validate(record)) {
                        int colon = message.indexOf(": ");
                        found.add(colon > 0 ? new InputProblem(file, number, message.substring(0, colon),
                                message.substring(colon + 2)) : new InputProblem(file, number, "", message));
                    }
                    checkUnit(file, number, record, runId, units, found);
                } catch (JsonProcessingException e) {
                    found.add(new InputProblem(file, number, "", "not valid JSON: " + StrictJson.describe(e)));
                }
                problems.addAll(found);
                invalid += found.isEmpty() ? 0 : 1;
            }
        }
        return new Report(records, problems, invalid);
    }

    /** A unit's second record, or a record of another run than the manifest's. */
    private static void checkUnit(Path file, int line, JsonNode record, String runId, UnitKeys units,
            List<InputProblem> found) {
        JsonNode recordRun = record.path("run_id");
        if (runId != null && recordRun.isTextual() && !recordRun.textValue().equals(runId)) {
            found.add(new InputProblem(file, line, "run_id", UnitKeys.otherRunMessage(recordRun.textValue(), runId)));
        }
        JsonNode task = record.path("task_id");
        JsonNode fork = record.path("fork").path("index");
        Integer forkIndex = fork.isInt() ? fork.intValue() : null;
        if (task.isTextual() && !units.add(task.textValue(), forkIndex)) {
            found.add(new InputProblem(file, line, "task_id", UnitKeys.duplicateMessage(task.textValue(), forkIndex)));
        }
    }

    /** The run id of the manifest beside a run folder's records file, or null where there is none. */
    private static String manifestRunId(Path file) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        if (!file.getFileName().toString().equals(RunDirectory.RECORDS)
                || !Files.isRegularFile(folder.resolve(RunDirectory.MANIFEST))) {
            return null;
        }
        return RunDirectory.readManifest(folder).runId();
    }
}
