package io.trace2train.backends.jlama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trace2train.api.param.InvalidArgumentsException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jdk.incubator.vector.FloatVector;

/**
 * Jlama's kernels step through rows a whole SIMD register at a time, so every hidden dimension must be a multiple of
 * the machine's float vector width (16 with AVX-512, 8 with AVX2); otherwise generation fails deep inside with an
 * index error. This checks the shape before loading, and says which sizes do not fit.
 */
final class ShapeCheck {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ShapeCheck() {
    }

    static void check(Path folder) {
        check(folder, FloatVector.SPECIES_PREFERRED.length());
    }

    static void check(Path folder, int width) {
        JsonNode config;
        try {
            config = JSON.readTree(folder.resolve("config.json").toFile());
        } catch (IOException e) {
            throw new InvalidArgumentsException("backend jlama", "model-dir", folder + "/config.json is not valid"
                    + " JSON: " + e.getMessage());
        }
        long hidden = config.path("hidden_size").asLong(0);
        long heads = config.path("num_attention_heads").asLong(1);
        long headDim = config.has("head_dim") ? config.get("head_dim").asLong() : hidden / Math.max(heads, 1);
        List<String> misfits = new ArrayList<>();
        for (String name : List.of("hidden_size", "intermediate_size")) {
            long size = config.path(name).asLong(0);
            if (size % width != 0) {
                misfits.add(name + " " + size);
            }
        }
        if (headDim % width != 0 && headDim % (width / 2) != 0) {
            misfits.add("head_dim " + headDim);
        }
        if (!misfits.isEmpty()) {
            throw new InvalidArgumentsException("backend jlama", "model-dir", folder + ": " + String.join(", ", misfits)
                    + (misfits.size() == 1 ? " is" : " are") + " not a multiple of this machine's SIMD width of "
                    + width + " floats, which Jlama's kernels need; this model cannot run with Jlama here");
        }
    }
}
