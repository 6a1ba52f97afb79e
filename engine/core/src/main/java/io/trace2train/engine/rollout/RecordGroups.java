package io.trace2train.engine.rollout;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectReader;
import io.trace2train.api.export.TaskRecords;
import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.engine.io.BadInputException;
import io.trace2train.engine.io.ByteLines;
import io.trace2train.engine.io.InputProblem;
import io.trace2train.engine.io.OrderedPipeline;
import io.trace2train.engine.io.StrictJson;
import io.trace2train.engine.record.RecordJson;
import io.trace2train.engine.store.UnitKeys;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Streams a records file as groups, one per task: its records (one for a plain run, its forks for a rollout), ranked
 * best first. A group is handed over as soon as all its expected records were read, the rest at the end of the file,
 * so memory holds only the tasks still open: a run's forks of one task are written close together, however many
 * tasks the run has. Lines are parsed on all cores, in batches, and handed over in file order.
 */
public final class RecordGroups {

    /** Small batches, few in flight: what waits in a queue long enough gets promoted, and old garbage costs full
     * collections in a small heap. */
    private static final int BATCH = 64;
    private static final ObjectReader READER = RecordJson.mapper().readerFor(ComplianceRecord.class);

    /** Lines of the file, the first being line {@code first}. */
    private record Batch(int first, List<byte[]> lines) {
    }

    /** A record and its line. */
    private record Parsed(ComplianceRecord record, int line) {
    }

    private RecordGroups() {
    }

    /**
     * @param perTask records a task is complete with (1, or the rollout's forks)
     * @return the records read
     * @throws BadInputException naming the file and line of a line that is not a record, or of a unit's second
     *     record
     */
    public static long forEach(Path records, int perTask, Consumer<TaskRecords> consumer) throws IOException {
        return forEach(records, perTask, null, consumer);
    }

    /**
     * @param runId the run every record must belong to (its manifest's), or null for any
     * @throws BadInputException also naming the line of a record of another run
     */
    public static long forEach(Path records, int perTask, String runId, Consumer<TaskRecords> consumer)
            throws IOException {
        UnitKeys units = new UnitKeys();
        Map<String, List<ComplianceRecord>> open = new LinkedHashMap<>();
        long[] count = new long[1];
        int threads = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(threads,
                Thread.ofPlatform().name("records-", 0).daemon().factory());
        try (InputStream in = Files.newInputStream(records)) {
            OrderedPipeline<Batch, List<Parsed>> parse = new OrderedPipeline<>(pool, 2 * threads,
                    batch -> parse(records, batch), parsed -> {
                        for (Parsed line : parsed) {
                            ComplianceRecord record = line.record();
                            check(records, line, runId, units::add);
                            count[0]++;
                            List<ComplianceRecord> group = open.computeIfAbsent(record.taskId(),
                                    t -> new ArrayList<>(perTask));
                            group.add(record);
                            if (group.size() >= expected(record, perTask)) {
                                open.remove(record.taskId());
                                consumer.accept(new TaskRecords(record.taskId(), ForkRanker.rank(group)));
                            }
                        }
                    });
            ByteLines lines = new ByteLines(in);
            List<byte[]> batch = new ArrayList<>(BATCH);
            int number = 0;
            int first = 1;
            byte[] line;
            while ((line = lines.next()) != null) {
                number++;
                batch.add(line);
                if (batch.size() == BATCH) {
                    parse.submit(new Batch(first, batch));
                    batch = new ArrayList<>(BATCH);
                    first = number + 1;
                }
            }
            parse.submit(new Batch(first, batch));
            parse.drain();
        } finally {
            pool.shutdownNow();
        }
        open.forEach((task, group) -> consumer.accept(new TaskRecords(task, ForkRanker.rank(group))));
        return count[0];
    }

    /** A line of a records file. */
    public record Line(int number, String text) implements java.io.Serializable {

        private static final long serialVersionUID = 1L;
    }

    /**
     * A run's records file as an export reads it.
     *
     * @param records the file
     * @param runId the run every record must belong to (its manifest's), or null for any
     */
    public record Source(Path records, String runId) {

        public Source {
            java.util.Objects.requireNonNull(records, "records");
        }
    }

    /**
     * Hands over every task of the runs in {@link TaskKey} order (by task id, then run): all of a run's records of
     * one task as one group, ranked best first, whatever order the lines were written in. A first pass indexes
     * where each task's lines are (see {@link TaskIndex}); the records are then read again by position (the file is
     * in the page cache after the first pass) and parsed on all cores, in ordered batches.
     *
     * @return the records read
     * @throws BadInputException naming the file and line of a line that is not a record, a record of another run or
     *     a unit's second record
     */
    public static long forEachInOrder(List<Source> runs, java.util.function.BiConsumer<TaskKey, TaskRecords> consumer)
            throws IOException {
        List<TaskIndex> indexes = new ArrayList<>();
        for (Source run : runs) {
            indexes.add(TaskIndex.of(run.records()));
        }
        List<FileChannel> channels = new ArrayList<>();
        int threads = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(threads,
                Thread.ofPlatform().name("records-", 0).daemon().factory());
        long[] count = new long[1];
        try {
            for (Source run : runs) {
                channels.add(FileChannel.open(run.records(), StandardOpenOption.READ));
            }
            OrderedPipeline<List<At>, List<Grouped>> read = new OrderedPipeline<>(pool, 2 * threads,
                    batch -> read(runs, indexes, channels, batch), grouped -> {
                        for (Grouped group : grouped) {
                            count[0] += group.records().ranked().size();
                            consumer.accept(group.key(), group.records());
                        }
                    });
            int[] next = new int[runs.size()];
            List<At> batch = new ArrayList<>();
            int lines = 0;
            while (true) {
                int run = -1;
                for (int r = 0; r < indexes.size(); r++) {
                    if (next[r] < indexes.get(r).tasks() && (run < 0
                            || indexes.get(r).compareIds(next[r], indexes.get(run), next[run]) < 0)) {
                        run = r;
                    }
                }
                if (run < 0) {
                    break;
                }
                int task = next[run]++;
                batch.add(new At(run, task));
                lines += indexes.get(run).lines(task);
                if (lines >= BATCH) {
                    read.submit(batch);
                    batch = new ArrayList<>();
                    lines = 0;
                }
            }
            read.submit(batch);
            read.drain();
        } finally {
            pool.shutdownNow();
            for (FileChannel channel : channels) {
                channel.close();
            }
        }
        return count[0];
    }

    /** A task of one of the runs: its index in the run's {@link TaskIndex}. */
    private record At(int run, int task) {
    }

    /** A task's group and its place. */
    private record Grouped(TaskKey key, TaskRecords records) {
    }

    private static List<Grouped> read(List<Source> runs, List<TaskIndex> indexes, List<FileChannel> channels,
            List<At> batch) {
        List<Grouped> grouped = new ArrayList<>(batch.size());
        for (At at : batch) {
            TaskIndex index = indexes.get(at.run());
            Path file = index.file();
            List<Parsed> parsed = new ArrayList<>(index.lines(at.task()));
            List<InputProblem> problems = new ArrayList<>();
            for (int i = 0; i < index.lines(at.task()); i++) {
                int number = index.number(at.task(), i);
                try {
                    parsed.add(new Parsed(READER.readValue(index.read(channels.get(at.run()), at.task(), i)), number));
                } catch (BadInputException e) {
                    problems.addAll(e.problems());
                } catch (IOException | IllegalArgumentException | NullPointerException e) {
                    if (e instanceof java.nio.channels.ClosedChannelException closed) {
                        throw new java.io.UncheckedIOException(closed);
                    }
                    problems.addAll(notARecord(file, number, e).problems());
                }
            }
            String taskId = index.taskId(at.task());
            TaskRecords group = group(file, runs.get(at.run()).runId(), taskId, parsed, problems);
            grouped.add(new Grouped(new TaskKey(taskId, at.run()), group));
        }
        return grouped;
    }

    /**
     * One task's group, as {@link #forEachInOrder} makes it, of the task's lines wherever in the file they are:
     * what a job that reads the file in parts computes for each task.
     *
     * @param lines every line of the file with this task's id, in any order
     * @throws BadInputException naming the file and line of every line that is not a record, a record of another run
     *     or a unit's second record
     */
    public static TaskRecords ofTask(Path file, String runId, String taskId, List<Line> lines) {
        List<Line> sorted = new ArrayList<>(lines);
        sorted.sort(java.util.Comparator.comparingInt(Line::number));
        List<InputProblem> problems = new ArrayList<>();
        List<Parsed> parsed = new ArrayList<>(sorted.size());
        for (Line line : sorted) {
            try {
                parsed.add(new Parsed(record(file, line.number(), line.text()), line.number()));
            } catch (BadInputException e) {
                problems.addAll(e.problems());
            }
        }
        return group(file, runId, taskId, parsed, problems);
    }

    /** A task's records, checked (every problem of the task together, with those found before) and ranked. */
    private static TaskRecords group(Path file, String runId, String taskId, List<Parsed> parsed,
            List<InputProblem> problems) {
        // a task's units are its forks: a small set of their indices, not a file's worth of unit keys
        java.util.Set<Integer> forks = new java.util.HashSet<>();
        List<ComplianceRecord> records = new ArrayList<>(parsed.size());
        for (Parsed line : parsed) {
            try {
                check(file, line, runId, (task, fork) -> forks.add(fork));
                if (!taskId.equals(line.record().taskId())) {
                    // a line that names its task twice: the first pass read one name, the record the other
                    throw new BadInputException(List.of(new InputProblem(file, line.line(), "task_id",
                            "the record names its task twice (" + taskId + " and " + line.record().taskId() + ")")));
                }
                records.add(line.record());
            } catch (BadInputException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            problems.sort(java.util.Comparator.comparingInt(InputProblem::line));
            throw new BadInputException(problems);
        }
        return new TaskRecords(taskId, ForkRanker.rank(records));
    }

    /**
     * Line {@code line} of a records file as a record.
     *
     * @throws BadInputException naming the file and line when it is not a record
     */
    public static ComplianceRecord record(Path file, int line, String text) {
        try {
            return READER.readValue(text);
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            throw notARecord(file, line, e);
        }
    }

    /**
     * A record line's task id, read without parsing the rest of the record where it can be: a job that only
     * groups lines by task reads them this way, and a line that is no record is reported by the parse of its group.
     *
     * @throws io.trace2train.engine.io.BadInputException naming file and line when the line has no task id to read
     */
    public static String taskId(Path file, int number, String text) {
        try (JsonParser parser = RecordJson.mapper().getFactory().createParser(text)) {
            char[] id = leadingTaskId(parser);
            if (id != null) {
                return new String(id);
            }
        } catch (IOException | RuntimeException e) {
            // the whole parse below says what is wrong
        }
        return record(file, number, text).taskId();
    }

    /** The task id where it comes before anything malformed (it is the record's fourth key), else null. */
    static char @Nullable [] leadingTaskId(JsonParser parser) throws IOException {
        if (parser.nextToken() == JsonToken.START_OBJECT) {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                boolean taskId = "task_id".equals(parser.currentName());
                JsonToken value = parser.nextToken();
                if (taskId && value == JsonToken.VALUE_STRING) {
                    return Arrays.copyOfRange(parser.getTextCharacters(), parser.getTextOffset(),
                            parser.getTextOffset() + parser.getTextLength());
                }
                parser.skipChildren();
            }
        }
        return null;
    }

    /** Whether a line holds nothing (such lines are skipped). */
    public static boolean isBlank(String line) {
        return line.chars().allMatch(c -> c == ' ' || c == '\t' || c == '\r');
    }

    private static BadInputException notARecord(Path file, int line, Exception e) {
        return new BadInputException(List.of(new InputProblem(file, line, "",
                "not a " + ComplianceRecord.SCHEMA_VERSION + " record: " + message(e)
                        + " (`trace2train validate` lists every problem)")));
    }

    /**
     * Records the record's task is complete with: the caller's count, or the forks the record says its task has (an
     * import's forks are the log's episodes of one task, which its manifest, not a rollout's, does not count).
     */
    private static int expected(ComplianceRecord record, int perTask) {
        return record.fork() == null ? perTask : Math.max(perTask, record.fork().forks());
    }

    /** @param units adds a unit (task id, fork index or null), false where it was there before */
    private static void check(Path file, Parsed line, String runId,
            java.util.function.BiPredicate<String, Integer> units) {
        ComplianceRecord record = line.record();
        if (runId != null && !runId.equals(record.runId())) {
            throw new BadInputException(List.of(new InputProblem(file, line.line(), "run_id",
                    UnitKeys.otherRunMessage(record.runId(), runId))));
        }
        Integer fork = record.fork() == null ? null : record.fork().index();
        if (!units.test(record.taskId(), fork)) {
            throw new BadInputException(List.of(new InputProblem(file, line.line(), "task_id",
                    UnitKeys.duplicateMessage(record.taskId(), fork))));
        }
    }

    private static List<Parsed> parse(Path file, Batch batch) {
        List<Parsed> parsed = new ArrayList<>(batch.lines().size());
        for (int i = 0; i < batch.lines().size(); i++) {
            byte[] line = batch.lines().get(i);
            if (isBlank(line)) {
                continue;
            }
            try {
                parsed.add(new Parsed(READER.readValue(line), batch.first() + i));
            } catch (IOException | IllegalArgumentException | NullPointerException e) {
                throw notARecord(file, batch.first() + i, e);
            }
        }
        return parsed;
    }

    private static boolean isBlank(byte[] line) {
        return isBlank(line, 0, line.length);
    }

    static boolean isBlank(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            byte b = bytes[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private static String message(Exception e) {
        return e instanceof JsonProcessingException json ? StrictJson.describe(json) : String.valueOf(e.getMessage());
    }
}
