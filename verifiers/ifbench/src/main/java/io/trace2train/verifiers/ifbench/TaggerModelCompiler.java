package io.trace2train.verifiers.ifbench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Build step: writes the tagger's binary copy from the shipped JSON model into the given classes folder (the build
 * runs it after compiling, so the jar carries both). Written to a temporary file and moved, never half-written.
 */
public final class TaggerModelCompiler {

    private TaggerModelCompiler() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: TaggerModelCompiler CLASSES_DIR");
        }
        Path target = Path.of(args[0]).resolve("io/trace2train/verifiers/ifbench").resolve(PerceptronTagger.COMPILED);
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), PerceptronTagger.COMPILED, ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                PerceptronTagger.loadJson().writeCompiled(out);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
