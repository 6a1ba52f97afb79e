package io.trace2train.bench;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A {@link GenerationWorker} child process: one engine with one model, timed on request. */
final class WorkerProcess implements AutoCloseable {

    /**
     * How a worker JVM is started.
     *
     * @param java the java executable
     * @param jvmOptions the JVM's options (module, native-access and memory flags)
     * @param classPath the class path holding the bench, the engine and the backends
     */
    record Launch(String java, List<String> jvmOptions, String classPath) {
        Launch {
            requireNonNull(java, "java");
            jvmOptions = List.copyOf(jvmOptions);
            requireNonNull(classPath, "classPath");
        }

        /**
         * This JVM's executable, options and class path, less its class-data archive (one archive, one writer) and
         * its flight recording (each worker records its own, if asked).
         */
        static Launch ofThisJvm() {
            String java = ProcessHandle.current().info().command()
                    .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            List<String> options = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                    .filter(o -> !o.startsWith("-XX:SharedArchiveFile") && !o.startsWith("-XX:+AutoCreateSharedArchive")
                            && !o.startsWith("-XX:AOTCache") && !o.startsWith("-XX:StartFlightRecording")
                            && !o.startsWith("-Xshare"))
                    .toList();
            return new Launch(java, options, System.getProperty("java.class.path"));
        }

        Launch withOptions(List<String> more) {
            List<String> all = new ArrayList<>(jvmOptions);
            all.addAll(more);
            return new Launch(java, all, classPath);
        }
    }

    private final String label;
    private final Process process;
    private final BufferedReader answers;
    private final PrintWriter requests;
    private final Path errors;

    private WorkerProcess(String label, Process process, Path errors) {
        this.label = label;
        this.process = process;
        this.errors = errors;
        this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.requests = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
    }

    /** Starts a worker and waits until its model is loaded and warmed up. */
    static WorkerProcess start(Launch launch, String label, String backend, Map<String, String> options, boolean raw)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(launch.java());
        command.addAll(launch.jvmOptions());
        command.add("-cp");
        command.add(launch.classPath());
        command.add(GenerationWorker.class.getName());
        command.add(backend);
        command.add(String.valueOf(raw));
        options.forEach((key, value) -> command.add(key + "=" + value));
        Path errors = Files.createTempFile("trace2train-worker", ".err");
        Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
        WorkerProcess worker = new WorkerProcess(label, process, errors);
        try {
            worker.answer("ready");
        } catch (IOException | RuntimeException e) {
            worker.close();
            throw e;
        }
        return worker;
    }

    /** One greedy generation of {@code tokens} tokens, timed per token in the worker. */
    BackendBenchmark.Timing time(int tokens) throws IOException {
        requests.println("time " + tokens);
        String[] fields = answer("timing").split(" ");
        return new BackendBenchmark.Timing(Integer.parseInt(fields[1]), Integer.parseInt(fields[2]),
                Double.parseDouble(fields[3]), Double.parseDouble(fields[4]), fields[5]);
    }

    /** Ends the worker and returns its peak resident set in bytes (-1 where the system does not tell). */
    long finish() throws IOException {
        requests.println("end");
        return Long.parseLong(answer("rss").split(" ")[1]);
    }

    /** The worker's next answer, which must be of {@code kind}; other output of the child is skipped. */
    private String answer(String kind) throws IOException {
        for (String line = answers.readLine(); line != null; line = answers.readLine()) {
            if (line.startsWith(GenerationWorker.PREFIX)) {
                String answer = line.substring(GenerationWorker.PREFIX.length());
                if (answer.equals(kind) || answer.startsWith(kind + " ")) {
                    return answer;
                }
                throw new IOException(label + ": the worker answered '" + answer + "' where '" + kind + "' was due");
            }
        }
        String tail = "";
        try {
            process.waitFor(10, TimeUnit.SECONDS);
            List<String> lines = Files.readAllLines(errors, StandardCharsets.UTF_8);
            tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IOException(label + ": the worker process ended before its '" + kind + "' answer"
                + (process.isAlive() ? "" : " (exit " + process.exitValue() + ")") + ":\n" + tail);
    }

    @Override
    public void close() {
        requests.close();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            Files.deleteIfExists(errors);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // a temporary file left behind is harmless
        }
    }
}
