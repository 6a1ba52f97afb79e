package io.trace2train.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** The example data and models the repository ships ({@code examples/}), as the build passes it in. */
final class ExampleData {

    private ExampleData() {
    }

    static Path ifeval(String file) {
        return file("ifeval", file);
    }

    static Path ifbench(String file) {
        return file("ifbench", file);
    }

    private static Path file(String folder, String file) {
        Path path = Path.of(System.getProperty("trace2train.examples", "../examples"), folder, file);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("test data missing: " + path.toAbsolutePath()
                    + " (the repository ships it under examples/)");
        }
        return path;
    }

    static Path model(String name) {
        Path path = Path.of(System.getProperty("trace2train.examples", "../examples"), "models", name);
        if (!Files.isDirectory(path)) {
            throw new IllegalStateException("test model missing: " + path.toAbsolutePath()
                    + " (the repository ships it under examples/)");
        }
        return path;
    }
}
