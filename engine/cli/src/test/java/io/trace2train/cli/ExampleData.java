package io.trace2train.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** The example data and models the repository ships ({@code examples/}), as the build passes it in. */
final class ExampleData {

    private ExampleData() {
    }

    static Path ifeval(String file) {
        Path path = Path.of(System.getProperty("trace2train.examples", "../examples"), "ifeval", file);
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
