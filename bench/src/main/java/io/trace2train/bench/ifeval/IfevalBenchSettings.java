package io.trace2train.bench.ifeval;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trace2train.api.backend.GenerationSettings;
import io.trace2train.api.text.Secrets;
import io.trace2train.engine.io.BadInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

/**
 * How an IFEval benchmark runs: which prompts, which modes, how many seeds, which backend, how to sample.
 *
 * @param dataset {@code ifeval} or {@code ifbench} (the shipped examples) or the path of a prompts file, as given
 * @param limit prompts in the sample; 0 for all
 * @param sampleSeed the seed the sample is drawn with
 * @param modes the modes, in the order reported
 * @param seeds run seeds: the generation seed, then each next integer
 * @param backend the backend's name
 * @param backendOptions its options
 * @param generation the sampling settings; its seed is the first run seed
 * @param maxRetries prompt_retry's retries
 * @param maxRounds full_pcl's repair rounds
 * @param concurrency units run at once (it does not change the records, so a resume may change it)
 */
public record IfevalBenchSettings(String dataset, int limit, long sampleSeed, List<BenchMode> modes, int seeds,
        String backend, Map<String, String> backendOptions, GenerationSettings generation, int maxRetries,
        int maxRounds, int concurrency) {

    /** The settings' keys that a resumed benchmark may change. */
    static final List<String> MAY_CHANGE_ON_RESUME = List.of("concurrency");

    public IfevalBenchSettings {
        requireNonNull(dataset, "dataset");
        modes = List.copyOf(modes);
        requireNonNull(backend, "backend");
        backendOptions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(backendOptions));
        requireNonNull(generation, "generation");
        if (dataset.isBlank()) {
            throw new BadInputException("--dataset: give ifeval, ifbench or the path of an IFEval or IFBench"
                    + " prompts file");
        }
        if (limit < 0) {
            throw new BadInputException("--limit must be 0 (every prompt) or more, got " + limit);
        }
        if (modes.isEmpty()) {
            throw new BadInputException("--modes: give at least one mode");
        }
        if (seeds < 1) {
            throw new BadInputException("--seeds must be at least 1, got " + seeds);
        }
        if (maxRetries < 0 || maxRounds < 0) {
            throw new BadInputException("--retries and --rounds must be 0 or more, got " + maxRetries + " and "
                    + maxRounds);
        }
        if (concurrency < 1) {
            throw new BadInputException("--concurrency must be at least 1, got " + concurrency);
        }
    }

    /** The run seeds, in order. */
    public List<Long> runSeeds() {
        return LongStream.range(0, seeds).map(i -> generation.seed() + i).boxed().toList();
    }

    /** The settings as results.json and bench.json write them, secrets masked. */
    public ObjectNode json() {
        ObjectNode json = BenchJson.MAPPER.createObjectNode();
        json.put("dataset", dataset);
        json.put("limit", limit);
        json.put("sample_seed", sampleSeed);
        var modeNames = json.putArray("modes");
        modes.forEach(m -> modeNames.add(m.name()));
        json.put("seeds", seeds);
        var seedList = json.putArray("run_seeds");
        runSeeds().forEach(seedList::add);
        json.put("backend", backend);
        ObjectNode options = json.putObject("backend_options");
        Secrets.options(backendOptions).forEach(options::put);
        json.set("generation", BenchJson.MAPPER.valueToTree(generation));
        json.put("max_retries", maxRetries);
        json.put("max_rounds", maxRounds);
        json.put("concurrency", concurrency);
        return json;
    }

    /**
     * What differs between settings a benchmark was started with ({@link #json()} as saved) and these, one line a
     * setting, e.g. {@code seeds: 3 there, 2 here}; empty when it may be resumed with these.
     */
    public List<String> differencesFrom(JsonNode saved) {
        // through text, so numbers read back compare with numbers written now
        JsonNode now = reread(json());
        List<String> differences = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        saved.fieldNames().forEachRemaining(keys::add);
        now.fieldNames().forEachRemaining(key -> {
            if (!keys.contains(key)) {
                keys.add(key);
            }
        });
        for (String key : keys) {
            if (!MAY_CHANGE_ON_RESUME.contains(key) && !saved.path(key).equals(now.path(key))) {
                differences.add(key + ": " + shown(saved.path(key)) + " there, " + shown(now.path(key)) + " here");
            }
        }
        return differences;
    }

    private static String shown(JsonNode node) {
        return node.isMissingNode() ? "(none)" : node.toString();
    }

    private static JsonNode reread(JsonNode node) {
        try {
            return BenchJson.MAPPER.readTree(node.toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
