package io.trace2train.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** The test data beside the checkout ({@code ../shared}), as the build passes it in. */
final class SharedData {

    private SharedData() {
    }

    static Path ifeval(String file) {
        Path path = Path.of(System.getProperty("trace2train.shared", "../shared"), "data", "ifeval", file);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("test data missing: " + path.toAbsolutePath()
                    + " (tests expect the shared/ folder beside the checkout)");
        }
        return path;
    }

    static Path model(String name) {
        Path path = Path.of(System.getProperty("trace2train.shared", "../shared"), "models", name);
        if (!Files.isDirectory(path)) {
            throw new IllegalStateException("test model missing: " + path.toAbsolutePath()
                    + " (tests expect the shared/ folder beside the checkout)");
        }
        return path;
    }
}
