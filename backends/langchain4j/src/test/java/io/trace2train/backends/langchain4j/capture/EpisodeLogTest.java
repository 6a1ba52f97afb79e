package io.trace2train.backends.langchain4j.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EpisodeLogTest {

    @Test
    void aTornLastLineLeftByAKillIsCutAndAppendingGoesOnAfterTheWholeLines(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("episodes.jsonl");
        Files.writeString(file, "{\"messages\": [1]}\n{\"messages\": [2]}\n{\"messa", StandardCharsets.UTF_8);
        try (EpisodeLog log = EpisodeLog.open(file)) {
            assertEquals("{\"messa".length(), log.cutBytes());
            log.append(List.of("{\"messages\": [3]}"));
        }
        assertEquals(List.of("{\"messages\": [1]}", "{\"messages\": [2]}", "{\"messages\": [3]}"),
                Files.readAllLines(file));
    }

    @Test
    void aFileWithoutAnyLineBreakIsAllTornLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("episodes.jsonl");
        Files.write(file, new byte[20_000], StandardOpenOption.CREATE); // longer than one scan chunk
        try (EpisodeLog log = EpisodeLog.open(file)) {
            assertEquals(20_000, log.cutBytes());
        }
        assertEquals(0, Files.size(file));
    }

    @Test
    void aSecondRecorderOnTheSameFileIsRefusedNamingIt(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("episodes.jsonl");
        try (EpisodeLog first = EpisodeLog.open(file)) {
            IOException refused = assertThrows(IOException.class, () -> EpisodeLog.open(file));
            assertTrue(refused.getMessage().startsWith(file + ": another episode recorder"), refused.getMessage());
            first.append(List.of("{}"));
        }
        try (EpisodeLog again = EpisodeLog.open(file)) {
            assertEquals(0, again.cutBytes());
        }
    }
}
