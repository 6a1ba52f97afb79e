package io.trace2train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trace2train.testing.ExampleData;
import java.io.File;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script run as a user runs it, output redirected to files (not a terminal): no JVM incubator warning
 * and no escape codes, on {@code --help}, on a replay run, and on local inference (which needs the Vector API). It
 * runs the repository's own {@code trace2train} and {@code bin/} scripts from a copy whose jar is only a manifest
 * pointing at this build's classes, so the script's "build if stale" never starts Maven.
 */
class LauncherIT {

    private static final Path REPOSITORY = ExampleData.root().toAbsolutePath().getParent();

    @TempDir
    Path dir;

    private Path root;

    @BeforeEach
    void copyLauncher() throws Exception {
        root = dir.resolve("t2t");
        Files.createDirectories(root.resolve("bin"));
        Files.copy(REPOSITORY.resolve("trace2train"), root.resolve("trace2train"));
        try (var scripts = Files.list(REPOSITORY.resolve("bin"))) { // jdk.sh, maven.sh: what the launcher sources
            for (Path script : scripts.toList()) {
                Files.copy(script, root.resolve("bin").resolve(script.getFileName().toString()));
            }
        }
        root.resolve("trace2train").toFile().setExecutable(true);
        Path jar = root.resolve("engine/cli/target/trace2train.jar");
        Files.createDirectories(jar.getParent().resolve("lib"));
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Main.class.getName());
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, Stream.of(System.getProperty("java.class.path")
                .split(File.pathSeparator)).map(p -> Path.of(p).toAbsolutePath().toUri().toString())
                .collect(Collectors.joining(" ")));
        try (OutputStream out = Files.newOutputStream(jar)) {
            new JarOutputStream(out, manifest).close(); // the manifest is the whole jar
        }
    }

    private Result launch(Object... args) throws Exception {
        // the manifest-only jar names class folders, from which no start-up cache can be made: none is tried
        return launch(Map.of("TRACE2TRAIN_STARTUP_CACHE", "off"), args);
    }

    private Result launch(Map<String, String> environment, Object... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(root.resolve("trace2train").toString()));
        Stream.of(args).map(String::valueOf).forEach(command::add);
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(environment);
        int code = builder.start().waitFor();
        return new Result(code, Files.readString(out), Files.readString(err));
    }

    private record Result(int code, String out, String err) {
        void assertClean() {
            assertFalse(err.contains("incubator"), this::toString);
            assertFalse(out.contains("\u001b") || err.contains("\u001b"), "no escape codes: " + this);
        }
    }

    @Test
    void helpAndAReplayRunPrintNoWarningAndNoEscapeCodes() throws Exception {
        Result help = launch("--help");
        assertEquals(0, help.code(), help::toString);
        assertTrue(help.out().contains("Usage: trace2train"), help::toString);
        help.assertClean();

        Result runHelp = launch("run", "--help");
        assertEquals(0, runHelp.code(), runHelp::toString);
        runHelp.assertClean();

        Path tasks = dir.resolve("tasks.jsonl");
        Files.write(tasks, Files.readAllLines(ExampleData.ifeval("input_data.jsonl")).subList(0, 3));
        Result run = launch("run", "--tasks", tasks.toAbsolutePath(), "--backend", "replay", "--responses",
                ExampleData.ifeval("responses_gpt4.jsonl").toAbsolutePath(), "--out", dir.resolve("run"));
        assertEquals(0, run.code(), run::toString);
        assertTrue(run.out().contains("3 tasks, 3 ran now"), run::toString);
        run.assertClean();
    }

    @Test
    void localInferenceGetsTheVectorApiWithoutItsWarning() throws Exception {
        Result generate = launch("generate", "--backend", "jlama", "--model-dir",
                ExampleData.model("stories260K").toAbsolutePath(), "--raw", "--prompt", "", "--temperature", "0",
                "--max-new-tokens", "4");
        assertEquals(0, generate.code(), generate::toString);
        assertTrue(generate.out().contains("completion tokens: 4"), generate::toString);
        generate.assertClean();
    }

    /**
     * The start-up cache with the real jars and examples: the first command runs without one and makes it in the
     * background, later commands load their classes from it; a changed jar or a damaged cache file gets a new one,
     * and the command that notices still answers correctly.
     */
    @Test
    void startupCacheIsMadeForTheseJarsAndRemadeWhenTheyChangeOrItIsDamaged() throws Exception {
        Path target = root.resolve("engine/cli/target");
        Path built = REPOSITORY.resolve("engine/cli/target");
        Files.copy(built.resolve("trace2train.jar"), target.resolve("trace2train.jar"),
                StandardCopyOption.REPLACE_EXISTING);
        try (var jars = Files.list(built.resolve("lib"))) {
            for (Path jar : jars.toList()) {
                Files.copy(jar, target.resolve("lib").resolve(jar.getFileName().toString()));
            }
        }
        for (String dataset : List.of("ifeval", "ifbench")) {
            Path examples = ExampleData.root().resolve(dataset);
            Files.createDirectories(root.resolve("examples").resolve(dataset));
            try (var files = Files.list(examples)) {
                for (Path file : files.toList()) {
                    Files.copy(file, root.resolve("examples").resolve(dataset).resolve(file.getFileName().toString()));
                }
            }
        }
        Path cache = target.resolve(Runtime.version().feature() >= 25 ? "trace2train.aot" : "trace2train.jsa");
        Path key = target.resolve(cache.getFileName() + ".key");

        verifyGivesTheReferenceFigures();
        awaitTraining(target);
        assertTrue(Files.exists(cache) && Files.size(cache) > 1_000_000, "a cache was made: " + log(cache));
        String firstKey = Files.readString(key);
        assertTrue(classesFromCache(), "the next command loads its classes from the cache");

        // a rebuilt jar (a new time is what a build gives an unchanged jar too): the cache no longer fits
        Path engineJar;
        try (var jars = Files.list(target.resolve("lib"))) {
            engineJar = jars.filter(j -> j.getFileName().toString().startsWith("trace2train-engine-")).findFirst()
                    .orElseThrow();
        }
        Files.setLastModifiedTime(engineJar, FileTime.fromMillis(Files.getLastModifiedTime(engineJar).toMillis()
                + 60_000));
        verifyGivesTheReferenceFigures();
        awaitTraining(target);
        assertNotEquals(firstKey, Files.readString(key), "the key follows the jars");
        assertTrue(classesFromCache(), "the new cache is used");

        // a damaged cache file (here: truncated garbage) is noticed, not trusted, and replaced; the lock left by a
        // training run that was killed (its process gone) does not stop that
        Files.write(cache, new byte[] {1, 2, 3, 4});
        Path lock = target.resolve(cache.getFileName() + ".lock");
        Files.createDirectories(lock);
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(lock.resolve("pid"), gone.pid() + "\n");
        verifyGivesTheReferenceFigures();
        awaitTraining(target);
        assertTrue(Files.exists(cache) && Files.size(cache) > 1_000_000, "the cache was made again: " + log(cache));
        assertTrue(classesFromCache(), "the remade cache is used");
    }

    private void verifyGivesTheReferenceFigures() throws Exception {
        Result verify = launch(Map.of(), "verify", "--prompts", ExampleData.ifeval("input_data.jsonl").toAbsolutePath(),
                "--responses", ExampleData.ifeval("responses_gpt4.jsonl").toAbsolutePath(), "--out",
                dir.resolve("verified"), "--overwrite");
        assertEquals(0, verify.code(), verify::toString);
        assertTrue(verify.out().contains("417/541 0.7708"), verify::toString); // strict prompt-level accuracy
        assertFalse(verify.err().contains("AOT") || verify.err().contains("CDS") || verify.err().contains("shared"),
                "the cache's making and use are silent: " + verify);
    }

    /** Whether a command run now loads most of its classes from the start-up cache. */
    private boolean classesFromCache() throws Exception {
        Path classes = dir.resolve("classes.txt");
        Result version = launch(Map.of("TRACE2TRAIN_JAVA_OPTS", "-Xlog:class+load:file=" + classes), "--version");
        assertEquals(0, version.code(), version::toString);
        List<String> loaded = Files.readAllLines(classes);
        return loaded.stream().filter(line -> line.contains("shared objects file")).count() > loaded.size() / 2;
    }

    /** Waits for the background training run to end (its lock folder goes): a liveness bound, not a speed check. */
    private static void awaitTraining(Path target) throws InterruptedException {
        Path lock = target.resolve((Runtime.version().feature() >= 25 ? "trace2train.aot" : "trace2train.jsa")
                + ".lock");
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(10);
        while (Files.exists(lock) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertFalse(Files.exists(lock), "the training run ended within ten minutes");
    }

    private static String log(Path cache) throws java.io.IOException {
        Path log = cache.resolveSibling(cache.getFileName() + ".log");
        return Files.exists(log) ? Files.readString(log) : "(no log)";
    }
}
