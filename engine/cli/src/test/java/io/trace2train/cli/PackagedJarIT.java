package io.trace2train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trace2train.testing.ExampleData;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The product as it ships: the packaged {@code trace2train.jar} with the class path its manifest names, not the test
 * class path (a library the tests bring in, such as YAML, can hide one the jar lacks). Local inference and the
 * plugin listing run in a child JVM from the jar alone; the benchmarks only with the bench module's jars added.
 */
class PackagedJarIT {

    private static final Path JAR = Path.of("target", "trace2train.jar").toAbsolutePath();

    @TempDir
    Path dir;

    private String run(String... args) throws Exception {
        return java(0, List.of("-jar", JAR.toString()), args);
    }

    /** A child JVM on the given class path ({@code -jar} or {@code -cp}), expecting the exit code. */
    private String java(int exitCode, List<String> classPath, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "-Xlog:disable"));
        command.addAll(classPath);
        command.addAll(List.of(args));
        Path log = dir.resolve("log.txt");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the command ends");
        String output = Files.readString(log);
        assertEquals(exitCode, process.exitValue(), output);
        return output;
    }

    @Test
    void theJarAloneLoadsAModelAndEveryBuiltInPlugin() throws Exception {
        assertTrue(Files.isRegularFile(JAR), "package runs before the integration tests: " + JAR);
        String generate = run("generate", "--backend", "jlama", "--model-dir",
                ExampleData.model("stories260K").toAbsolutePath().toString(), "--raw", "--prompt", "",
                "--temperature", "0", "--max-new-tokens", "4");
        assertTrue(generate.contains("completion tokens: 4"), generate);

        String plugins = run("plugins");
        for (String name : List.of("ifeval", "ifbench", "agent", "tau-airline", "jlama", "replay", "langchain4j",
                "training")) {
            assertTrue(plugins.contains(name), name + " is in the jar's plugins: " + plugins);
        }
    }

    @Test
    void theBenchmarksAreOnTheBenchCommandsClassPathAlone() throws Exception {
        String manifestClassPath;
        try (JarFile jar = new JarFile(JAR.toFile())) {
            manifestClassPath = jar.getManifest().getMainAttributes().getValue("Class-Path");
        }
        try (var lib = Files.list(JAR.resolveSibling("lib"))) {
            List<String> jars = lib.map(path -> path.getFileName().toString()).toList();
            for (String benchOnly : List.of("trace2train-bench", "jmh-core", "commons-statistics")) {
                assertFalse(manifestClassPath.contains(benchOnly), benchOnly + " in the manifest: " + manifestClassPath);
                assertTrue(jars.stream().noneMatch(name -> name.startsWith(benchOnly)), benchOnly + " in lib/: " + jars);
            }
        }

        String alone = java(Main.BAD_INPUT, List.of("-jar", JAR.toString()), "bench", "verify");
        assertTrue(alone.contains("run it as './trace2train bench ...'"), alone);

        // the class path the launcher gives the bench command
        Path bench = ExampleData.root().toAbsolutePath().getParent().resolve("bench").resolve("target");
        String classPath = String.join(File.pathSeparator, JAR.toString(),
                bench.resolve("trace2train-bench.jar").toString(), bench.resolve("lib") + File.separator + "*");
        String figures = java(Main.OK, List.of("-cp", classPath, Main.class.getName()), "bench",
                "verifiers-adversarial", "--sizes", "1000,2000", "--only", "punctuation:no_comma");
        assertTrue(figures.contains("largest/smallest per MB") && figures.contains("no_comma "), figures);
    }
}
