package io.trace2train.engine.task;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trace2train.api.task.TaskSpec;
import io.trace2train.engine.io.BadInputException;
import io.trace2train.engine.io.InputProblem;
import io.trace2train.engine.io.JsonLines;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The tasks of a checked file, one at a time: a reader thread parses rows into a small queue that the run takes from,
 * so memory holds a few tasks, not the file. Iterable once. Closing it stops the reader (a run that stopped early).
 */
public final class TaskStream implements Iterable<TaskSpec>, AutoCloseable {

    /** Parses one row into a task, adding its problems to the list; null when it has any. */
    @FunctionalInterface
    interface RowParser {
        TaskSpec parse(ObjectNode row, int line, List<InputProblem> problems);
    }

    /** The queue's end: the file is read (or failed, see {@link #problems}). */
    private static final Object END = new Object();

    private final Path file;
    private final RowParser parser;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(64);
    private final List<InputProblem> problems = new ArrayList<>();
    /** What stopped the reader thread, handed to the run at the end of the queue. */
    private volatile Throwable failure;
    private Thread reader;

    TaskStream(Path file, RowParser parser) {
        this.file = file;
        this.parser = parser;
    }

    @Override
    public synchronized Iterator<TaskSpec> iterator() {
        if (reader != null) {
            throw new IllegalStateException("a task stream is read once");
        }
        reader = Thread.ofPlatform().name("task-reader").daemon().start(this::read);
        return new Iterator<>() {
            private Object next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    try {
                        next = queue.take();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while reading " + file, e);
                    }
                }
                if (next == END) {
                    if (failure instanceof Error error) {
                        throw error;
                    }
                    if (failure != null) {
                        throw new IllegalStateException("cannot read " + file + ": " + failure, failure);
                    }
                    synchronized (problems) {
                        if (!problems.isEmpty()) {
                            // the file changed after it was checked
                            throw new BadInputException(List.copyOf(problems));
                        }
                    }
                    return false;
                }
                return true;
            }

            @Override
            public TaskSpec next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                TaskSpec task = (TaskSpec) next;
                next = null;
                return task;
            }
        };
    }

    private void read() {
        List<InputProblem> found = new ArrayList<>();
        JsonLines.RowHandler handler = (row, line) -> {
            TaskSpec task = parser.parse(row, line, found);
            if (task != null) {
                put(task);
            }
        };
        try {
            if (file.getFileName().toString().endsWith(".json")) {
                JsonLines.readArray(file, handler, found);
            } else {
                JsonLines.read(file, handler, found);
            }
        } catch (Stopped e) {
            return;
        } catch (Throwable e) {
            // out of memory included: the run, waiting on the queue, gets it instead of waiting for ever
            failure = e;
        }
        synchronized (problems) {
            problems.addAll(found);
        }
        try {
            put(END);
        } catch (Stopped e) {
            // closed meanwhile: nobody reads the end
        }
    }

    private void put(Object item) {
        try {
            queue.put(item);
        } catch (InterruptedException e) {
            throw new Stopped();
        }
    }

    /** Unwinds the reader thread once the stream is closed. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }

    @Override
    public synchronized void close() {
        if (reader != null) {
            reader.interrupt();
        }
    }
}
