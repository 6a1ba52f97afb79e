package io.trace2train.engine.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads JSON Lines files one object per line, reporting each bad line as FILE:LINE instead of stopping. */
public final class JsonLines {

    private static final ObjectMapper MAPPER = StrictJson.builder().build();
    /** One element of an array at a time: the elements after it are not trailing content. */
    private static final ObjectReader ELEMENT = MAPPER.readerFor(JsonNode.class)
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Receives each well-formed object with its 1-based line number. */
    @FunctionalInterface
    public interface RowHandler {
        void row(ObjectNode row, int line);
    }

    private JsonLines() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Reads a JSON file holding an array of objects, giving each object the line it starts on. A syntax error ends
     * the reading there (JSON cannot be resynchronised) and becomes a problem at its line.
     */
    public static void readArray(Path file, RowHandler handler, List<InputProblem> problems) {
        try (com.fasterxml.jackson.core.JsonParser parser = MAPPER.createParser(file.toFile())) {
            if (parser.nextToken() != com.fasterxml.jackson.core.JsonToken.START_ARRAY) {
                problems.add(new InputProblem(file, 1, "", "expected a JSON array of objects"));
                return;
            }
            com.fasterxml.jackson.core.JsonToken token;
            while ((token = parser.nextToken()) != com.fasterxml.jackson.core.JsonToken.END_ARRAY && token != null) {
                int line = parser.currentLocation().getLineNr();
                JsonNode node = ELEMENT.readValue(parser);
                if (node instanceof ObjectNode object) {
                    handler.row(object, line);
                } else {
                    problems.add(new InputProblem(file, line, "", "expected a JSON object but got "
                            + node.getNodeType()));
                }
            }
            if (token != null && parser.nextToken() != null) {
                problems.add(new InputProblem(file, parser.currentLocation().getLineNr(), "",
                        "unexpected content after the array"));
            }
        } catch (JsonProcessingException e) {
            problems.add(new InputProblem(file, e.getLocation() == null ? 0 : e.getLocation().getLineNr(), "",
                    "not valid JSON: " + StrictJson.describe(e)));
        } catch (java.io.FileNotFoundException | java.nio.file.NoSuchFileException e) {
            problems.add(new InputProblem(file, 0, "", "no such file"));
        } catch (IOException e) {
            problems.add(new InputProblem(file, 0, "", "cannot read: " + e));
        }
    }

    /** Blank lines are skipped; a line that is not a JSON object becomes a problem and reading goes on. */
    public static void read(Path file, RowHandler handler, List<InputProblem> problems) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String text;
            int line = 0;
            while ((text = reader.readLine()) != null) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = MAPPER.readTree(text);
                } catch (JsonProcessingException e) {
                    problems.add(new InputProblem(file, line, "", "not valid JSON: " + StrictJson.describe(e)));
                    continue;
                }
                if (node instanceof ObjectNode object) {
                    handler.row(object, line);
                } else {
                    problems.add(new InputProblem(file, line, "", "expected a JSON object but got " + node.getNodeType()));
                }
            }
        } catch (java.nio.file.NoSuchFileException e) {
            problems.add(new InputProblem(file, 0, "", "no such file"));
        } catch (IOException e) {
            problems.add(new InputProblem(file, 0, "", "cannot read: " + e));
        }
    }
}
