package io.trace2train.engine.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nothing on a line is dropped silently: a second value or a repeated key is a FILE:LINE problem. */
class JsonLinesTest {

    @TempDir
    Path dir;

    @Test
    void aSecondValueOrADuplicateKeyOnALineIsAProblemOfThatLine() throws Exception {
        Path file = Files.writeString(dir.resolve("rows.jsonl"), String.join("\n",
                "{\"prompt\": \"p1\", \"response\": \"r1\"}",
                "{\"prompt\": \"p2\", \"response\": \"r2\"} {\"prompt\": \"p3\", \"response\": \"r3\"}",
                "{\"prompt\": \"p4\", \"response\": \"first\", \"response\": \"second\"}",
                "{\"prompt\": \"p5\", \"response\": \"r5\"} trailing",
                "{\"prompt\": \"p6\", \"response\": \"r6\"}", ""));
        List<Integer> read = new ArrayList<>();
        List<InputProblem> problems = new ArrayList<>();

        JsonLines.read(file, (row, line) -> read.add(line), problems);

        assertEquals(List.of(1, 5), read);
        assertEquals(List.of(
                file + ":2: not valid JSON: more after the first JSON value (one object per line)",
                file + ":3: not valid JSON: duplicate key 'response'",
                file + ":4: not valid JSON: Unrecognized token 'trailing'"),
                problems.stream().map(p -> p.toString().replaceAll("(trailing').*", "$1")).toList());
    }

    @Test
    void anArrayFileRejectsADuplicateKeyAndContentAfterTheArray() throws Exception {
        Path duplicate = Files.writeString(dir.resolve("dup.json"),
                "[\n{\"id\": \"a\"},\n{\"id\": \"b\", \"id\": \"c\"}\n]\n");
        List<InputProblem> problems = new ArrayList<>();
        JsonLines.readArray(duplicate, (row, line) -> { }, problems);
        assertEquals(List.of(duplicate + ":3: not valid JSON: duplicate key 'id'"),
                problems.stream().map(InputProblem::toString).toList());

        Path trailing = Files.writeString(dir.resolve("trailing.json"), "[\n{\"id\": \"a\"}\n]\n[{\"id\": \"b\"}]\n");
        List<String> rows = new ArrayList<>();
        problems.clear();
        JsonLines.readArray(trailing, (row, line) -> rows.add(row.get("id").textValue()), problems);
        assertEquals(List.of("a"), rows);
        assertEquals(List.of(trailing + ":4: unexpected content after the array"),
                problems.stream().map(InputProblem::toString).toList());
    }
}
