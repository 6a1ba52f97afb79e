package io.trace2train.bench;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trace2train.bench.ifeval.BenchJson;
import io.trace2train.engine.Engine;
import io.trace2train.engine.Verification;
import io.trace2train.engine.verify.Strictness;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Spark jobs against the single-machine commands on the same input: {@code export} of a generated rollout of N
 * records ({@link ExportBenchmark}'s) in each format, and {@code verify} of the IFEval prompts and GPT-4 responses
 * repeated under distinct keys. Every run is a child process, timed whole from outside: the Spark job through the
 * launcher's {@code spark-submit} wrapper (the job jar on the build's Spark jars, so Spark never enters this class
 * path), the single-machine one as {@link SingleMachineJob} on this JVM's class path. The paths alternate in each
 * round; each path's fastest round is reported, with each Spark job's start-up (JVM start to its first Spark job, from
 * the job's own log line) and whether its output equals the single machine's byte for byte.
 */
public final class SparkBenchmark {

    /** What to run. */
    public record Settings(Path root, Path tasks, Path responses, long records, int forks, List<String> formats,
            int verifyRows, List<String> jobs, List<String> masters, int rounds) {

        public Settings {
            requireNonNull(root, "root");
            requireNonNull(tasks, "tasks");
            requireNonNull(responses, "responses");
            formats = List.copyOf(formats);
            jobs = List.copyOf(jobs);
            masters = List.copyOf(masters);
            for (String job : jobs) {
                if (!job.equals(EXPORT) && !job.equals(VERIFY)) {
                    throw new IllegalArgumentException("--jobs: unknown job '" + job + "' (export, verify)");
                }
            }
            if (records < 1 || forks < 1 || verifyRows < 1 || rounds < 1 || masters.isEmpty() || jobs.isEmpty()
                    || formats.isEmpty()) {
                throw new IllegalArgumentException("records, forks, verify rows and rounds must be at least 1,"
                        + " and jobs, formats and masters not empty");
            }
        }
    }

    /**
     * One job on one path, its fastest round.
     *
     * @param path {@link #SINGLE} or a Spark master
     * @param inputs records (export) or prompt rows (verify) read
     * @param rows rows written (verify: one per prompt and strictness)
     * @param startupSeconds JVM start to the first Spark job; null on the single machine
     * @param sameOutput whether the output equals the single machine's, byte for byte
     */
    public record Row(String job, String path, long inputs, long rows, double seconds,
            Double startupSeconds, boolean sameOutput) {

        public Row {
            requireNonNull(job, "job");
            requireNonNull(path, "path");
        }
    }

    /** All rows, the job jar's size and the Markdown table. */
    public record Report(List<Row> rows, long jobJarBytes, String markdown) {

        public Report {
            rows = List.copyOf(rows);
            requireNonNull(markdown, "markdown");
        }
    }

    public static final String SINGLE = "single machine";
    static final String EXPORT = "export";
    static final String VERIFY = "verify";
    private static final ObjectMapper JSON = BenchJson.MAPPER;
    /** {@code StartupLog}'s line in the job jar. */
    private static final Pattern STARTUP = Pattern.compile("first Spark job started after (\\d+) ms");

    private SparkBenchmark() {
    }

    /** Runs the benchmark with its inputs kept in {@code work} (reused by a later run) and its outputs deleted. */
    public static Report run(Engine engine, Settings settings, Path work, PrintWriter progress) throws Exception {
        Files.createDirectories(work);
        // null without the export job
        Path runFolder = settings.jobs().contains(EXPORT) ? ExportBenchmark.generated(engine, settings.tasks(),
                settings.responses(), work, settings.records(), settings.forks()) : null;
        Path prompts = work.resolve("verify-" + settings.verifyRows() + "-prompts.jsonl");
        Path responses = work.resolve("verify-" + settings.verifyRows() + "-responses.jsonl");
        if (settings.jobs().contains(VERIFY)) {
            verifyInput(settings, prompts, responses);
        }
        Path outputs = Files.createTempDirectory(work, "outputs");
        try {
            List<Job> jobs = new ArrayList<>();
            for (String job : settings.jobs()) {
                if (job.equals(EXPORT)) {
                    settings.formats().forEach(format -> jobs.add(new Job(EXPORT + " " + format, format, settings
                            .records())));
                } else {
                    jobs.add(new Job(VERIFY, null, settings.verifyRows()));
                }
            }
            List<String> paths = new ArrayList<>();
            paths.add(SINGLE);
            paths.addAll(settings.masters());
            Map<String, Timing> fastest = new LinkedHashMap<>();
            for (int round = 0; round < settings.rounds(); round++) {
                for (Job job : jobs) {
                    for (int p = 0; p < paths.size(); p++) {
                        // alternating: each round starts on the next path, so no path always runs first
                        String path = paths.get((p + round) % paths.size());
                        Path out = outputs.resolve(job.name().replace(' ', '-') + "-" + folderName(path));
                        Timing timing = path.equals(SINGLE)
                                ? runChild(singleCommand(job, runFolder, prompts, responses, out), out)
                                : runChild(sparkCommand(settings.root(), path, job, runFolder, prompts, responses,
                                        out), out);
                        progress.printf(Locale.ROOT, "%s, %s: %.1f s%n", job.name(), path, timing.seconds());
                        progress.flush();
                        fastest.merge(job.name() + "\n" + path, timing,
                                (a, b) -> a.seconds() <= b.seconds() ? a : b);
                    }
                }
            }
            List<Row> rows = new ArrayList<>();
            for (Job job : jobs) {
                Path single = outputs.resolve(job.name().replace(' ', '-') + "-" + folderName(SINGLE));
                for (String path : paths) {
                    Path out = outputs.resolve(job.name().replace(' ', '-') + "-" + folderName(path));
                    List<Path> files = outputFiles(job, out);
                    boolean same = sameFiles(files, outputFiles(job, single));
                    long written = 0;
                    for (Path file : files) {
                        written += lines(file);
                    }
                    Timing timing = fastest.get(job.name() + "\n" + path);
                    rows.add(new Row(job.name(), path, job.inputs(), written, timing.seconds(), timing.startup(),
                            same));
                }
            }
            long jarBytes = Files.size(jobJar(settings.root()));
            return new Report(rows, jarBytes, markdown(rows, settings, jarBytes));
        } finally {
            ExportBenchmark.deleteTree(outputs);
        }
    }

    /** One job: an export of one format, or the verify (format null). */
    private record Job(String name, String format, long inputs) {
    }

    /** A child's whole-process time and, for a Spark job, its start-up (null on the single machine). */
    private record Timing(double seconds, Double startup) {
    }

    private static List<String> singleCommand(Job job, Path runFolder, Path prompts, Path responses,
            Path out) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        // as the launcher starts these commands: exports on the throughput collector
        if (job.format() != null) {
            command.add("-XX:+UseParallelGC");
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), SingleMachineJob.class.getName()));
        if (job.format() != null) {
            command.addAll(List.of(EXPORT, job.format(), requireNonNull(runFolder).toString(),
                    out.resolve(job.format() + ".jsonl").toString()));
        } else {
            command.addAll(List.of(VERIFY, prompts.toString(), responses.toString(), out.toString()));
        }
        return command;
    }

    private static List<String> sparkCommand(Path root, String master, Job job, Path runFolder,
            Path prompts, Path responses, Path out) {
        List<String> command = new ArrayList<>(List.of(root.resolve("trace2train").toString(), "spark-submit",
                "--master", master));
        if (job.format() != null) {
            command.addAll(List.of(EXPORT, "--format", job.format(), "--output", out.toString(), "--overwrite",
                    requireNonNull(runFolder).toString()));
        } else {
            command.addAll(List.of(VERIFY, "--prompts", prompts.toString(), "--responses", responses.toString(),
                    "--output", out.toString(), "--overwrite"));
        }
        return command;
    }

    private static Timing runChild(List<String> command, Path out) throws IOException, InterruptedException {
        Files.createDirectories(out.getParent());
        Path log = out.resolveSibling(out.getFileName() + ".log");
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(6, TimeUnit.HOURS)) {
            process.destroyForcibly();
            throw new IllegalStateException("gave up after 6 hours: " + String.join(" ", command));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String text = Files.readString(log, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue()
                    + ":\n" + text.substring(Math.max(0, text.length() - 4000)));
        }
        Matcher startup = STARTUP.matcher(text);
        return new Timing(seconds, startup.find() ? Double.valueOf(Long.parseLong(startup.group(1)) / 1000.0) : null);
    }

    /** The files a job wrote: the Spark job's output folder holds the file under the single machine's name. */
    private static List<Path> outputFiles(Job job, Path out) {
        if (job.format() != null) {
            return List.of(out.resolve(job.format() + ".jsonl"));
        }
        List<Path> files = new ArrayList<>();
        for (Strictness strictness : Strictness.values()) {
            files.add(Verification.resultsFile(out, strictness));
        }
        return files;
    }

    private static boolean sameFiles(List<Path> files, List<Path> expected) throws IOException {
        for (int i = 0; i < files.size(); i++) {
            if (Files.mismatch(files.get(i), expected.get(i)) != -1) {
                return false;
            }
        }
        return true;
    }

    private static long lines(Path file) throws IOException {
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.count();
        }
    }

    /** {@code local[2]} as a folder name. */
    private static String folderName(String path) {
        return path.replaceAll("[^A-Za-z0-9]+", "-");
    }

    static Path jobJar(Path root) throws IOException {
        Path target = root.resolve("engine/spark/target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().matches("trace2train-spark-.*-job\\.jar"))
                    .findFirst().orElseThrow(() -> new IOException("no job jar in " + target));
        }
    }

    /**
     * The IFEval prompts and their responses, repeated until {@code verifyRows} prompts: each copy under its own key,
     * its prompt text marked with the copy's number (responses are found by prompt text) from the second copy on.
     */
    private static void verifyInput(Settings settings, Path prompts, Path responses) throws IOException {
        if (Files.isRegularFile(prompts) && Files.isRegularFile(responses)) {
            return;
        }
        List<ObjectNode> promptRows = jsonLines(settings.tasks());
        Map<String, ObjectNode> byPrompt = new HashMap<>();
        for (ObjectNode response : jsonLines(settings.responses())) {
            byPrompt.putIfAbsent(response.path("prompt").asText(), response);
        }
        Path promptsTemporary = io.trace2train.api.io.AtomicFiles.temporary(prompts);
        Path responsesTemporary = io.trace2train.api.io.AtomicFiles.temporary(responses);
        try (BufferedWriter promptsOut = Files.newBufferedWriter(promptsTemporary, StandardCharsets.UTF_8);
                BufferedWriter responsesOut = Files.newBufferedWriter(responsesTemporary, StandardCharsets.UTF_8)) {
            for (int i = 0; i < settings.verifyRows(); i++) {
                int copy = i / promptRows.size();
                ObjectNode row = promptRows.get(i % promptRows.size()).deepCopy();
                String original = row.path("prompt").asText();
                String text = copy == 0 ? original : original + " [copy " + copy + "]";
                row.put("key", i + 1);
                row.put("prompt", text);
                promptsOut.write(JSON.writeValueAsString(row));
                promptsOut.write('\n');
                ObjectNode response = byPrompt.get(original);
                if (response != null) {
                    ObjectNode copied = response.deepCopy();
                    copied.put("prompt", text);
                    responsesOut.write(JSON.writeValueAsString(copied));
                    responsesOut.write('\n');
                }
            }
        }
        io.trace2train.api.io.AtomicFiles.publish(promptsTemporary, prompts);
        io.trace2train.api.io.AtomicFiles.publish(responsesTemporary, responses);
    }

    private static List<ObjectNode> jsonLines(Path file) throws IOException {
        List<ObjectNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                JsonNode node = JSON.readTree(line);
                rows.add((ObjectNode) node);
            }
        }
        return rows;
    }

    /** The figures as a Markdown table, the local[2]/local[1]-style ratios and the job jar's size below it. */
    static String markdown(List<Row> rows, Settings settings, long jarBytes) {
        StringBuilder table = new StringBuilder();
        table.append("| job | path | input | rows | seconds | input/s | rows/s | vs single machine | start-up s"
                + " | input/s after start-up | same output |\n");
        table.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        Map<String, Double> singleSeconds = new HashMap<>();
        rows.stream().filter(r -> r.path().equals(SINGLE)).forEach(r -> singleSeconds.put(r.job(), r.seconds()));
        for (Row row : rows) {
            Double startup = row.startupSeconds();
            table.append(String.format(Locale.ROOT, "| %s | %s | %,d %s | %,d | %.1f | %,.0f | %,.0f | %.2fx | %s | %s"
                            + " | %s |%n", row.job(), row.path(), row.inputs(),
                    row.job().startsWith(EXPORT) ? "records" : "prompts", row.rows(), row.seconds(),
                    row.inputs() / row.seconds(), row.rows() / row.seconds(),
                    singleSeconds.get(row.job()) / row.seconds(),
                    startup == null ? "-" : String.format(Locale.ROOT, "%.1f", startup),
                    // the executors' share: what more executors divide (start-up is paid once per job)
                    startup == null || row.seconds() <= startup ? "-"
                            : String.format(Locale.ROOT, "%,.0f", row.inputs() / (row.seconds() - startup)),
                    row.sameOutput() ? "yes" : "NO"));
        }
        List<String> masters = settings.masters();
        if (masters.size() > 1) {
            table.append('\n');
            String first = masters.getFirst();
            for (String job : singleSeconds.keySet().stream().sorted().toList()) {
                for (String master : masters.subList(1, masters.size())) {
                    OptionalDouble ratio = ratio(rows, job, first, master);
                    ratio.ifPresent(r -> table.append(String.format(Locale.ROOT, "%s: %s / %s throughput = %.2fx%n",
                            job, master, first, r)));
                }
            }
        }
        table.append(String.format(Locale.ROOT, "%nJob jar: %.1f MiB. Seconds are whole child processes (JVM start"
                + " included), fastest of %d alternating round(s); start-up is JVM start to the first Spark job.%n",
                jarBytes / 1048576.0, settings.rounds()));
        return table.toString();
    }

    private static OptionalDouble ratio(List<Row> rows, String job, String base, String other) {
        Double baseSeconds = null;
        Double otherSeconds = null;
        for (Row row : rows) {
            if (row.job().equals(job) && row.path().equals(base)) {
                baseSeconds = row.seconds();
            } else if (row.job().equals(job) && row.path().equals(other)) {
                otherSeconds = row.seconds();
            }
        }
        return baseSeconds == null || otherSeconds == null ? OptionalDouble.empty()
                : OptionalDouble.of(baseSeconds / otherSeconds);
    }
}
