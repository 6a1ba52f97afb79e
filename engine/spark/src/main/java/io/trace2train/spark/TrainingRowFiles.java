package io.trace2train.spark;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trace2train.engine.io.BadInputException;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.jspecify.annotations.Nullable;

/**
 * The training files ({@code export}'s JSON Lines rows) that {@code dedup} and {@code decontaminate} screen: read as
 * numbered lines spread over the executors, and the lines they keep written back on the driver, file by file under
 * the same names, in input order. An OpenAI export's trace sidecar ({@code FILE.meta.jsonl}, line N describing row
 * N) beside an input keeps the lines of the rows kept.
 */
final class TrainingRowFiles {

    static final String SIDECAR = ".meta.jsonl";
    /** A line's number takes the low 40 bits of its key, the file's index the rest: keys sort in input order. */
    private static final int LINE_BITS = 40;

    private final List<String> files;

    private TrainingRowFiles(List<String> files) {
        this.files = List.copyOf(files);
    }

    /**
     * A non-blank line of an input file.
     *
     * @param file the file's index among the inputs
     * @param line its 1-based line
     */
    record Line(int file, int line, String text) implements Serializable {

        private static final long serialVersionUID = 1L;

        Line {
            requireNonNull(text, "text");
        }

        /** The line's place in input order, one number. */
        long key() {
            return key(file, line);
        }

        static long key(int file, int line) {
            return ((long) file << LINE_BITS) | line;
        }
    }

    /**
     * The training files among {@code inputs}: files as given; a folder's {@code *.jsonl} files by name but trace
     * sidecars.
     *
     * @throws IllegalArgumentException when there is none, an input does not exist, or two share a name (the output
     *     keeps the names)
     */
    static TrainingRowFiles of(List<String> inputs) throws IOException {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("give at least one training file or folder");
        }
        List<String> files = new ArrayList<>();
        for (String input : inputs) {
            Path path = Path.of(input).toAbsolutePath().normalize();
            if (Files.isDirectory(path)) {
                try (Stream<Path> list = Files.list(path)) {
                    list.filter(p -> p.getFileName().toString().endsWith(".jsonl")
                            && !p.getFileName().toString().endsWith(SIDECAR)).filter(Files::isRegularFile).sorted()
                            .forEach(p -> files.add(p.toString()));
                }
            } else if (Files.isRegularFile(path)) {
                files.add(path.toString());
            } else {
                throw new IllegalArgumentException("no such training file or folder: " + input);
            }
        }
        Set<String> names = new HashSet<>();
        for (String file : files) {
            if (!names.add(Path.of(file).getFileName().toString())) {
                throw new IllegalArgumentException("two inputs are named " + Path.of(file).getFileName()
                        + ": the output keeps each input's name, so give them apart");
            }
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no .jsonl training file in " + inputs);
        }
        return new TrainingRowFiles(files);
    }

    List<String> files() {
        return files;
    }

    /** The file a key's line is in. */
    String file(long key) {
        return files.get((int) (key >>> LINE_BITS));
    }

    /** The line a key names. */
    static int line(long key) {
        return (int) (key & ((1L << LINE_BITS) - 1));
    }

    /** Where a row is, for a report: {@code file}, {@code line}, {@code id}. */
    void locate(ObjectNode node, long key, @Nullable String id) {
        node.put("file", file(key)).put("line", line(key)).put("id", id);
    }

    /** Every non-blank line of every file, in input order (blank lines are skipped, as every reader skips them). */
    JavaRDD<Line> lines(JavaSparkContext jsc, int partitions) {
        JavaRDD<Line> all = jsc.emptyRDD();
        for (int i = 0; i < files.size(); i++) {
            int file = i;
            JavaRDD<String> text = partitions > 0 ? jsc.textFile(Path.of(files.get(i)).toUri().toString(), partitions)
                    : jsc.textFile(Path.of(files.get(i)).toUri().toString());
            all = all.union(text.zipWithIndex().filter(pair -> !pair._1().isBlank())
                    .map(pair -> new Line(file, Math.toIntExact(pair._2() + 1), pair._1())));
        }
        return all;
    }

    /** The bad row a reader's problem makes. */
    static List<BadRowsException.BadRow> bad(BadInputException e) {
        return BadRowsException.BadRow.of(e);
    }

    /**
     * Writes the kept lines, in input order, into {@code folder} under their files' names (an input none of whose
     * rows is kept gives an empty file), and each input's sidecar filtered alike.
     *
     * @return the lines written
     */
    long write(Path folder, Iterator<Line> kept) throws IOException {
        List<BitSet> keptLines = new ArrayList<>();
        long written = 0;
        BufferedWriter out = null;
        int open = -1;
        try {
            while (kept.hasNext()) {
                Line line = kept.next();
                while (open < line.file()) {
                    if (out != null) {
                        out.close();
                    }
                    open++;
                    out = Files.newBufferedWriter(folder.resolve(name(open)), StandardCharsets.UTF_8);
                    keptLines.add(new BitSet());
                }
                out.write(line.text());
                out.write('\n');
                keptLines.get(open).set(line.line());
                written++;
            }
        } finally {
            if (out != null) {
                out.close();
            }
        }
        for (int i = open + 1; i < files.size(); i++) {
            Files.writeString(folder.resolve(name(i)), "");
            keptLines.add(new BitSet());
        }
        for (int i = 0; i < files.size(); i++) {
            sidecar(folder, i, keptLines.get(i));
        }
        return written;
    }

    private String name(int file) {
        return Path.of(files.get(file)).getFileName().toString();
    }

    private void sidecar(Path folder, int file, BitSet kept) throws IOException {
        String name = name(file);
        if (!name.endsWith(".jsonl")) {
            return;
        }
        Path sidecar = Path.of(files.get(file)).resolveSibling(name.substring(0, name.length() - ".jsonl".length())
                + SIDECAR);
        if (!Files.isRegularFile(sidecar)) {
            return;
        }
        try (BufferedReader in = Files.newBufferedReader(sidecar, StandardCharsets.UTF_8);
                BufferedWriter out = Files.newBufferedWriter(folder.resolve(sidecar.getFileName()),
                        StandardCharsets.UTF_8)) {
            String text;
            for (int line = 1; (text = in.readLine()) != null; line++) {
                if (kept.get(line)) {
                    out.write(text);
                    out.write('\n');
                }
            }
        }
    }
}
