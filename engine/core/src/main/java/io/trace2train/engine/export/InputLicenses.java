package io.trace2train.engine.export;

import io.trace2train.engine.store.RunManifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The licenses of an export's inputs, as a dataset card names them: the {@code LICENSE} file beside each run's tasks
 * file (or in a folder above it, up to the benchmark's folder: τ-bench's MIT, IFBench's Apache-2.0), and IFEval's
 * Apache-2.0 where its file ships without one; {@code unknown} where none is found.
 */
final class InputLicenses {

    private static final int LEVELS = 3;

    private InputLicenses() {
    }

    static List<String> of(List<RunManifest> manifests) {
        TreeSet<String> licenses = new TreeSet<>();
        manifests.forEach(m -> licenses.add(of(Path.of(m.tasksFile()))));
        return List.copyOf(licenses);
    }

    static String of(Path tasksFile) {
        Path folder = tasksFile.toAbsolutePath().getParent();
        for (int i = 0; i < LEVELS && folder != null; i++, folder = folder.getParent()) {
            Path license = folder.resolve("LICENSE");
            if (Files.isRegularFile(license)) {
                try {
                    String head = Files.readString(license, StandardCharsets.UTF_8).strip();
                    if (head.startsWith("MIT License")) {
                        return "mit";
                    }
                    if (head.startsWith("Apache License") && head.contains("Version 2.0")) {
                        return "apache-2.0";
                    }
                    return "other";
                } catch (IOException e) {
                    return "unknown";
                }
            }
        }
        // google-research/instruction_following_eval, Apache-2.0, ships its data without a LICENSE beside it
        return tasksFile.toString().toLowerCase(Locale.ROOT).contains("ifeval") ? "apache-2.0" : "unknown";
    }
}
