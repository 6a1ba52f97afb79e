package io.trace2train.spark;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * A job's input given as Parquet (a {@code .parquet} file, or a folder of part files as Spark writes them) with
 * columns named as the JSONL input's keys: read by Spark and written, row by row in the file's order, as the JSON
 * lines the engine reads (null fields left out, as a JSONL row leaves out what it does not set), so both forms give
 * the same result.
 */
final class ParquetInput {

    private ParquetInput() {
    }

    /** Whether {@code input} is Parquet: a {@code .parquet} file or a folder holding one. */
    static boolean isParquet(String input) throws IOException {
        Path path = Path.of(input);
        if (Files.isDirectory(path)) {
            try (Stream<Path> files = Files.list(path)) {
                return files.anyMatch(ParquetInput::parquetFile);
            }
        }
        return parquetFile(path);
    }

    private static boolean parquetFile(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".parquet");
    }

    /**
     * {@code input} as JSON lines: itself when it is not Parquet, else the rows written to {@code target} (on a file
     * system every executor reads), in order.
     */
    static String asJsonLines(SparkSession spark, String input, Path target) throws IOException {
        if (!isParquet(input)) {
            return input;
        }
        Files.createDirectories(target.getParent());
        // toJSON keeps each part's row order and toLocalIterator the parts' order: the file's order
        Iterator<String> rows = spark.read().parquet(Path.of(input).toAbsolutePath().toUri().toString()).toJSON()
                .toLocalIterator();
        try (BufferedWriter writer = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            while (rows.hasNext()) {
                writer.append(rows.next()).append('\n');
            }
        }
        return target.toString();
    }
}
