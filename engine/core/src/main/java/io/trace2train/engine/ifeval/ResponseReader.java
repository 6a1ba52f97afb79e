package io.trace2train.engine.ifeval;

import com.fasterxml.jackson.databind.JsonNode;
import io.trace2train.engine.io.BadInputException;
import io.trace2train.engine.io.InputProblem;
import io.trace2train.engine.io.JsonLines;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code prompt, response} rows; as in the references, a later row wins (see {@link Responses}). */
public final class ResponseReader {

    private ResponseReader() {
    }

    /** @throws BadInputException listing every bad line */
    public static Responses read(Path file) {
        List<InputProblem> problems = new ArrayList<>();
        Responses responses = new Responses();
        JsonLines.read(file, (row, line) -> {
            JsonNode prompt = row.get("prompt");
            JsonNode response = row.get("response");
            if (prompt == null || !prompt.isTextual()) {
                problems.add(new InputProblem(file, line, "prompt", "expected a string"));
            }
            if (response == null || !response.isTextual()) {
                problems.add(new InputProblem(file, line, "response", "expected a string"));
            }
            if (prompt != null && prompt.isTextual() && response != null && response.isTextual()) {
                responses.add(prompt.textValue(), response.textValue());
            }
        }, problems);
        if (!problems.isEmpty()) {
            throw new BadInputException(problems);
        }
        return responses;
    }
}
