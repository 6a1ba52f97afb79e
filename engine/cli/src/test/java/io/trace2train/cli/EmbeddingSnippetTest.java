package io.trace2train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trace2train.testing.ExampleData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Embedding the engine" run-then-export block, as written, compiled against the engine's public API and
 * run on the shipped examples: the documentation cannot drift from the API.
 */
class EmbeddingSnippetTest {

    private static final Pattern SECTION = Pattern.compile("## Embedding the engine\\n.*?```java\\n(.*?)```",
            Pattern.DOTALL);

    @TempDir
    Path dir;

    @Test
    void theReadmeSnippetCompilesAndRunsThenExports() throws Exception {
        Path examples = ExampleData.ifeval("input_data.jsonl").toAbsolutePath().getParent().getParent();
        Matcher block = SECTION.matcher(Files.readString(examples.resolveSibling("README.md")));
        assertTrue(block.find(), "README.md has a java block under ## Embedding the engine");
        String snippet = block.group(1);
        assertTrue(snippet.lines().count() < 15, "the snippet is under 15 lines:\n" + snippet);
        // the snippet's paths are relative to the project folder: the test's are the shipped examples and a temp dir
        String body = snippet.replace("\"examples/", "\"" + examples + "/").replace("\"out/", "\"" + dir + "/");

        Path source = dir.resolve("src/Snippet.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, """
                import io.trace2train.engine.*;
                import io.trace2train.engine.config.EngineConfig;
                import java.nio.file.Path;

                public class Snippet {
                    public static void main(String[] args) throws Exception {
                %s
                    }
                }
                """.formatted(body));
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes);
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int compiled = javac.run(null, diagnostics, diagnostics, "-proc:none", "-classpath", classPath, "-d",
                classes.toString(), source.toString());
        assertEquals(0, compiled, () -> "the README snippet does not compile:\n" + diagnostics);

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                getClass().getClassLoader())) {
            Method main = loader.loadClass("Snippet").getMethod("main", String[].class);
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            main.invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(stdout);
        }
        // replay of GPT-4's answers, repaired in full_pcl: the run's figures as the README's compliance run reports
        String output = printed.toString(StandardCharsets.UTF_8).strip();
        Matcher figures = Pattern.compile("(\\d+) of 541 passed; (\\d+) SFT rows").matcher(output);
        assertTrue(figures.matches(), output);
        int passed = Integer.parseInt(figures.group(1));
        assertTrue(passed > 417, "repairs pass more than the 417 strict passes of the raw answers: " + output);
        List<String> rows = Files.readAllLines(dir.resolve("embedded-sft.jsonl"));
        assertEquals(passed, rows.size(), "pass-only SFT: one row per passing record");
        assertTrue(Files.isRegularFile(dir.resolve("embedded/manifest.json")));
    }
}
