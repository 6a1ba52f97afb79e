package io.trace2train.engine.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.trace2train.api.io.AtomicFiles;
import io.trace2train.engine.io.BadInputException;
import io.trace2train.engine.io.InputProblem;
import io.trace2train.engine.io.StrictJson;
import io.trace2train.engine.record.RecordJson;
import io.trace2train.engine.run.WorkUnit;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A run's folder: {@code manifest.json} (how the run was started) and {@code records.jsonl} (append-only, one
 * record per finished task). A new run needs an empty or missing folder; a resumed one the same tasks file. An open
 * run directory holds the folder's {@link RunLock} until it is closed, so one process at a time writes it.
 */
public final class RunDirectory implements AutoCloseable {

    public static final String MANIFEST = "manifest.json";
    public static final String RECORDS = "records.jsonl";

    private final Path folder;
    private final RunManifest manifest;
    private final Set<String> finished;
    private final Map<String, Integer> passedByTask;
    private final String repairNote;
    private final RunLock lock;

    private RunDirectory(Path folder, RunManifest manifest, Set<String> finished, Map<String, Integer> passedByTask,
            String repairNote, RunLock lock) {
        this.lock = lock;
        this.folder = folder;
        this.manifest = manifest;
        this.finished = Set.copyOf(finished);
        this.passedByTask = Map.copyOf(passedByTask);
        this.repairNote = repairNote;
    }

    /**
     * Creates the run, holding the folder's lock from before anything is written.
     *
     * @throws BadInputException when the folder already holds a run (resume it instead)
     * @throws BadInputException when another run holds the folder
     */
    public static RunDirectory create(Path folder, RunManifest manifest) throws IOException {
        RunLock lock = RunLock.acquire(folder);
        try {
            if (Files.exists(folder.resolve(MANIFEST)) || Files.exists(folder.resolve(RECORDS))) {
                throw new BadInputException(folder + " already holds a run: resume it, or choose another"
                        + " folder");
            }
            AtomicFiles.write(folder.resolve(MANIFEST),
                    w -> w.write(RecordJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(manifest)));
            Files.createFile(folder.resolve(RECORDS));
            return new RunDirectory(folder, manifest, Set.of(), Map.of(), null, lock);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * Opens a run to continue it: cuts off a torn last line (a record being written when the run was killed), and
     * collects the tasks that already have a record.
     *
     * @throws BadInputException when the folder holds no run, or the tasks file changed since
     * @throws BadInputException when another run holds the folder
     */
    public static RunDirectory resume(Path folder, String tasksSha256) throws IOException {
        readManifest(folder, "holds no run to resume"); // before the lock, which would create the folder
        RunLock lock = RunLock.acquire(folder);
        try {
            return resume(folder, tasksSha256, lock);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static RunDirectory resume(Path folder, String tasksSha256, RunLock lock) throws IOException {
        RunManifest manifest = readManifest(folder, "holds no run to resume");
        if (!manifest.tasksSha256().equals(tasksSha256)) {
            throw new BadInputException("the tasks file differs from the one run " + manifest.runId()
                    + " started with (" + manifest.tasksFile() + ", " + manifest.tasksSha256() + "): resume with that"
                    + " file, or start a new run in another folder");
        }
        Path records = folder.resolve(RECORDS);
        String note = cutTornLine(records);
        Set<String> finished = new HashSet<>();
        Map<String, Integer> passed = new HashMap<>();
        try (BufferedReader lines = Files.newBufferedReader(records, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = lines.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = readLine(records, number, line);
                String taskId = node.get("task_id").textValue();
                JsonNode fork = node.get("fork");
                finished.add(WorkUnit.key(taskId, fork == null ? null : fork.get("index").intValue()));
                if (node.path("passed").asBoolean(false)) {
                    passed.merge(taskId, 1, Integer::sum);
                }
            }
        }
        return new RunDirectory(folder, manifest, finished, passed, note, lock);
    }

    /** @throws BadInputException when the folder holds no run */
    public static RunManifest readManifest(Path folder) throws IOException {
        return readManifest(folder, "holds no run");
    }

    private static RunManifest readManifest(Path folder, String problem) throws IOException {
        Path manifestFile = folder.resolve(MANIFEST);
        if (!Files.isRegularFile(manifestFile)) {
            throw new BadInputException(folder + " " + problem + " (no " + MANIFEST + ")");
        }
        return RecordJson.mapper().readValue(manifestFile.toFile(), RunManifest.class);
    }

    private static JsonNode readLine(Path records, int number, String line) {
        JsonNode node;
        try {
            node = RecordJson.mapper().readTree(line);
        } catch (JsonProcessingException e) {
            throw unreadable(records, number, "not valid JSON: " + StrictJson.describe(e));
        }
        if (!node.path("task_id").isTextual() || !(node.path("fork").isMissingNode()
                || node.path("fork").path("index").isInt())) {
            throw unreadable(records, number, "not a record: no task_id, or a fork without its index");
        }
        return node;
    }

    private static BadInputException unreadable(Path records, int number, String message) {
        return new BadInputException(List.of(new InputProblem(records, number, "", message
                + " (`trace2train validate` lists every problem)")));
    }

    /** Truncates the file after its last complete line; returns what was cut, or null. */
    private static String cutTornLine(Path records) throws IOException {
        byte[] bytes = Files.readAllBytes(records);
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        if (end == bytes.length) {
            return null;
        }
        try (FileChannel channel = FileChannel.open(records, StandardOpenOption.WRITE)) {
            channel.truncate(end);
            channel.force(true);
        }
        return "cut a torn last line of " + (bytes.length - end) + " bytes from " + records
                + " (a record being written when the run stopped; its task runs again)";
    }

    public RecordSink sink() throws IOException {
        return new RecordSink(folder.resolve(RECORDS));
    }

    public RunManifest manifest() {
        return manifest;
    }

    /** Units ({@link WorkUnit#key()}: task ids, or {@code id#fork}) that already have a record. */
    public Set<String> finished() {
        return finished;
    }

    /** Passing records already written, by task id. */
    public Map<String, Integer> passedByTask() {
        return passedByTask;
    }

    /** What resume had to repair, if anything. */
    public java.util.Optional<String> repairNote() {
        return java.util.Optional.ofNullable(repairNote);
    }

    public Path records() {
        return folder.resolve(RECORDS);
    }

    /** Releases the folder: another run may resume it now. */
    @Override
    public void close() throws IOException {
        lock.close();
    }
}
