package io.trace2train.engine.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.trace2train.engine.io.InputProblem;
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

    /** @throws IOException when the file cannot be read */
    public static Report validate(Path file) throws IOException {
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
                    for (String message : RecordSchema.validate(RecordJson.mapper().readTree(line))) {
                        int colon = message.indexOf(": ");
                        found.add(colon > 0 ? new InputProblem(file, number, message.substring(0, colon),
                                message.substring(colon + 2)) : new InputProblem(file, number, "", message));
                    }
                } catch (JsonProcessingException e) {
                    found.add(new InputProblem(file, number, "", "not valid JSON: " + e.getOriginalMessage()));
                }
                problems.addAll(found);
                invalid += found.isEmpty() ? 0 : 1;
            }
        }
        return new Report(records, problems, invalid);
    }
}
