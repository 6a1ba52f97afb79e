package io.trace2train.engine.rollout;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import io.trace2train.engine.io.ByteLines;
import io.trace2train.engine.record.RecordJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Where each task's lines are in a records file, tasks in {@link TaskKey} order: a first pass that reads of each
 * line only its task id (a streaming parse that stops at {@code task_id}, the record's fourth key), so that the
 * records can then be read task by task, by position, in an order that does not depend on the order the lines were
 * written in. A line the quick read cannot take is parsed whole, so it is reported as every reader reports it.
 * Memory: about 24 bytes a line and the task ids' characters (a million records: about 35 MB), none of the records.
 */
final class TaskIndex {

    private static final JsonFactory JSON = RecordJson.mapper().getFactory();

    private final Path file;
    private final long[] offsets;
    private final int[] lengths;
    private final int[] numbers;
    /** The task ids' characters, one after the other; a line's id is {@code ids[idStart[i], idStart[i+1])}. */
    private final char[] ids;
    private final int[] idStarts;
    /** The lines, by task then line number; a task's lines are {@code order[taskStarts[t], taskStarts[t+1])}. */
    private final int[] order;
    private final int[] taskStarts;

    private TaskIndex(Path file, long[] offsets, int[] lengths, int[] numbers, char[] ids, int[] idStarts,
            int[] order, int[] taskStarts) {
        this.file = file;
        this.offsets = offsets;
        this.lengths = lengths;
        this.numbers = numbers;
        this.ids = ids;
        this.idStarts = idStarts;
        this.order = order;
        this.taskStarts = taskStarts;
    }

    /**
     * Indexes a records file; blank lines are skipped, as every reader skips them.
     *
     * @throws io.trace2train.engine.io.BadInputException naming the file and line of a line without a task id
     */
    static TaskIndex of(Path file) throws IOException {
        Builder built = new Builder();
        try (InputStream in = Files.newInputStream(file)) {
            ByteLines lines = new ByteLines(in);
            int number = 0;
            // the lines are read in place: copying each would copy the whole file once more
            while (lines.advance()) {
                number++;
                if (!RecordGroups.isBlank(lines.array(), lines.offset(), lines.length())) {
                    built.add(lines.lineStart(), lines.length(), number,
                            taskId(file, number, lines.array(), lines.offset(), lines.length()));
                }
            }
        }
        return built.build(file);
    }

    Path file() {
        return file;
    }

    int tasks() {
        return taskStarts.length - 1;
    }

    String taskId(int task) {
        int line = order[taskStarts[task]];
        return new String(ids, idStarts[line], idStarts[line + 1] - idStarts[line]);
    }

    /** Compares task {@code a}'s id with task {@code b}'s of {@code other}, as {@link String#compareTo} does. */
    int compareIds(int a, TaskIndex other, int b) {
        int la = order[taskStarts[a]];
        int lb = other.order[other.taskStarts[b]];
        return Arrays.compare(ids, idStarts[la], idStarts[la + 1], other.ids, other.idStarts[lb],
                other.idStarts[lb + 1]);
    }

    int lines(int task) {
        return taskStarts[task + 1] - taskStarts[task];
    }

    /** The file's line number of the task's {@code i}-th line (in file order). */
    int number(int task, int i) {
        return numbers[order[taskStarts[task] + i]];
    }

    /** The task's {@code i}-th line, read again where the first pass found it. */
    byte[] read(FileChannel channel, int task, int i) throws IOException {
        int line = order[taskStarts[task] + i];
        byte[] bytes = new byte[lengths[line]];
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long at = offsets[line];
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at + buffer.position());
            if (read < 0) {
                throw new IOException(file + ":" + numbers[line] + ": the file was cut short while it was read");
            }
        }
        return bytes;
    }

    /** The line's task id, read without parsing the rest of the record where it can be. */
    private static char[] taskId(Path file, int number, byte[] bytes, int offset, int length) {
        try (JsonParser parser = JSON.createParser(bytes, offset, length)) {
            char[] id = RecordGroups.leadingTaskId(parser);
            if (id != null) {
                return id;
            }
        } catch (IOException | RuntimeException e) {
            // the whole parse below says what is wrong, as every reader of records says it
        }
        return RecordGroups.record(file, number, new String(bytes, offset, length, StandardCharsets.UTF_8)).taskId()
                .toCharArray();
    }

    /** The lines as the first pass finds them, in file order. */
    private static final class Builder {

        private long[] offsets = new long[1024];
        private int[] lengths = new int[1024];
        private int[] numbers = new int[1024];
        private int[] idStarts = new int[1025];
        private char[] ids = new char[16 * 1024];
        private int size;

        void add(long offset, int length, int number, char[] id) {
            if (size == offsets.length) {
                offsets = Arrays.copyOf(offsets, size * 2);
                lengths = Arrays.copyOf(lengths, size * 2);
                numbers = Arrays.copyOf(numbers, size * 2);
                idStarts = Arrays.copyOf(idStarts, size * 2 + 1);
            }
            int start = idStarts[size];
            if (start + id.length > ids.length) {
                ids = Arrays.copyOf(ids, Math.max(ids.length * 2, start + id.length));
            }
            System.arraycopy(id, 0, ids, start, id.length);
            offsets[size] = offset;
            lengths[size] = length;
            numbers[size] = number;
            idStarts[size + 1] = start + id.length;
            size++;
        }

        TaskIndex build(Path file) {
            char[] allIds = ids;
            int[] starts = idStarts;
            Integer[] byTask = new Integer[size];
            for (int i = 0; i < size; i++) {
                byTask[i] = i;
            }
            // stable: a task's lines stay in file order
            Arrays.sort(byTask, (a, b) -> Arrays.compare(allIds, starts[a], starts[a + 1], allIds, starts[b],
                    starts[b + 1]));
            int[] order = new int[size];
            int[] taskStarts = new int[size + 1];
            int tasks = 0;
            for (int i = 0; i < size; i++) {
                order[i] = byTask[i];
                if (i == 0 || Arrays.compare(allIds, starts[order[i - 1]], starts[order[i - 1] + 1], allIds,
                        starts[order[i]], starts[order[i] + 1]) != 0) {
                    taskStarts[tasks++] = i;
                }
            }
            taskStarts[tasks] = size;
            return new TaskIndex(file, Arrays.copyOf(offsets, size), Arrays.copyOf(lengths, size),
                    Arrays.copyOf(numbers, size), Arrays.copyOf(allIds, starts[size]), Arrays.copyOf(starts, size + 1),
                    order, Arrays.copyOf(taskStarts, tasks + 1));
        }
    }
}
