package io.trace2train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The product as it ships: the packaged {@code trace2train.jar} with the class path its manifest names, not the test
 * class path (a library the tests bring in, such as YAML, can hide one the jar lacks). Local inference and the
 * plugin listing run in a child JVM from the jar alone.
 */
class PackagedJarIT {

    private static final Path JAR = Path.of("target", "trace2train.jar").toAbsolutePath();

    @TempDir
    Path dir;

    private String run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "-Xlog:disable", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Path log = dir.resolve("log.txt");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the command ends");
        String output = Files.readString(log);
        assertEquals(0, process.exitValue(), output);
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
}
