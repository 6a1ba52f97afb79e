package io.trace2train.engine.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trace2train.api.backend.GenerationSettings;
import io.trace2train.engine.io.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {

    @TempDir
    Path dir;

    private static RunManifest manifest(String tasksDigest) {
        return new RunManifest("run-1", "2026-11-23T00:00:00Z", "direct", "remote",
                Map.of("base-url", "http://127.0.0.1:8000", "api-key", "sk-secret", "token_file", "/x"),
                GenerationSettings.defaults(), 3, 3, "tasks.jsonl", tasksDigest, "0.1.0", "constraint_share", null, null);
    }

    @Test
    void theManifestNeverHoldsSecrets() throws Exception {
        RunDirectory.create(dir.resolve("run"), manifest("sha256:1")).close();
        String json = Files.readString(dir.resolve("run/manifest.json"));
        // values are masked, not names: a file or variable that holds the token is kept, so a resume can use it
        assertTrue(json.contains("\"api-key\" : \"***\"") && json.contains("\"token_file\" : \"/x\""), json);
        assertTrue(!json.contains("sk-secret") && json.contains("http://127.0.0.1:8000"), json);
    }

    @Test
    void aFolderThatHoldsARunIsNotOverwritten() throws Exception {
        RunDirectory.create(dir.resolve("run"), manifest("sha256:1")).close();
        BadInputException e = assertThrows(BadInputException.class,
                () -> RunDirectory.create(dir.resolve("run"), manifest("sha256:1")));
        assertTrue(e.getMessage().contains("already holds a run: resume it, or choose another folder"), e.getMessage());
    }

    @Test
    void resumeRefusesAnotherTasksFileAndAFolderWithoutARun() throws Exception {
        RunDirectory.create(dir.resolve("run"), manifest("sha256:1")).close();
        BadInputException changed = assertThrows(BadInputException.class,
                () -> RunDirectory.resume(dir.resolve("run"), "sha256:2"));
        assertTrue(changed.getMessage().contains("the tasks file differs"), changed.getMessage());
        BadInputException none = assertThrows(BadInputException.class,
                () -> RunDirectory.resume(dir.resolve("empty"), "sha256:1"));
        assertTrue(none.getMessage().contains("holds no run to resume"), none.getMessage());
    }

    @Test
    void resumeCutsATornLineAndCollectsFinishedTasks() throws Exception {
        RunDirectory.create(dir.resolve("run"), manifest("sha256:1")).close();
        Path records = dir.resolve("run/records.jsonl");
        Files.writeString(records, "{\"task_id\": \"a\"}\n{\"task_id\": \"b\"}\n{\"task_id\": \"c\", \"att");

        RunDirectory resumed = RunDirectory.resume(dir.resolve("run"), "sha256:1");
        resumed.close();

        assertEquals(java.util.Set.of("a", "b"), resumed.finished());
        assertEquals("{\"task_id\": \"a\"}\n{\"task_id\": \"b\"}\n", Files.readString(records));
        assertTrue(resumed.repairNote().orElseThrow().contains("cut a torn last line of 21 bytes"),
                resumed.repairNote()::toString);
        try (RunDirectory again = RunDirectory.resume(dir.resolve("run"), "sha256:1")) {
            assertTrue(again.repairNote().isEmpty());
        }
    }
}
