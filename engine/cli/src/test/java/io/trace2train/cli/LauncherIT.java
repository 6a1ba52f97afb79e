package io.trace2train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trace2train.testing.ExampleData;
import java.io.File;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        List<String> command = new ArrayList<>(List.of(root.resolve("trace2train").toString()));
        Stream.of(args).map(String::valueOf).forEach(command::add);
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
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
}
