package io.trace2train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.engine.Engine;
import io.trace2train.engine.config.EngineConfig;
import io.trace2train.engine.ifeval.IfevalEvaluator;
import io.trace2train.engine.ifeval.IfevalPrompt;
import io.trace2train.engine.ifeval.IfevalPromptReader;
import io.trace2train.engine.record.RecordJson;
import io.trace2train.testing.ExampleData;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** {@code bench ifeval}: reference figures on recorded answers, paired tests, the sample, resume, a local model. */
class BenchIfevalCommandIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static CommandLineRun ok(Object... args) {
        CommandLineRun run = CommandLineRun.of(args);
        assertEquals(Main.OK, run.exitCode(), run::toString);
        return run;
    }

    private static CommandLineRun badUsage(String expected, Object... args) {
        CommandLineRun run = CommandLineRun.of(args);
        assertEquals(Main.BAD_INPUT, run.exitCode(), run::toString);
        assertTrue(run.err().contains(expected), () -> "expected '" + expected + "' in\n" + run);
        return run;
    }

    private static JsonNode results(Path out) throws Exception {
        return JSON.readTree(out.resolve("results.json").toFile());
    }

    private static JsonNode mode(JsonNode results, String name) {
        for (JsonNode mode : results.get("modes")) {
            if (mode.get("mode").asText().equals(name)) {
                return mode;
            }
        }
        throw new AssertionError("no mode " + name + " in " + results.get("modes"));
    }

    /** Every record's passed equals the strict IFEval judgement of its final output. */
    private static void assertStrictIsPassed(Path bench, String run) throws Exception {
        Engine engine = Engine.start(EngineConfig.defaults());
        Map<String, IfevalPrompt> prompts = new IfevalPromptReader(engine.verifiers()).read(bench.resolve(
                "sample.jsonl")).stream().collect(Collectors.toMap(IfevalPrompt::key, Function.identity()));
        List<String> lines = Files.readAllLines(bench.resolve("runs").resolve(run).resolve("records.jsonl"));
        assertFalse(lines.isEmpty());
        for (String line : lines) {
            ComplianceRecord record = RecordJson.read(line);
            boolean strict = IfevalEvaluator.judge(prompts.get(record.taskId()), record.finalOutput()).strict()
                    .followsAll();
            assertEquals(record.passed(), strict, () -> run + ": task " + record.taskId());
        }
    }

    /** The exact two-sided binomial p-value, computed here from scratch: min(1, 2 P(X <= min(b, c))). */
    private static double exactP(int b, int c) {
        int n = b + c;
        if (n == 0) {
            return 1;
        }
        BigInteger tail = BigInteger.ZERO;
        BigInteger choose = BigInteger.ONE;
        for (int k = 0; k <= Math.min(b, c); k++) {
            tail = tail.add(choose);
            choose = choose.multiply(BigInteger.valueOf(n - k)).divide(BigInteger.valueOf(k + 1));
        }
        double p = 2 * new java.math.BigDecimal(tail).divide(new java.math.BigDecimal(BigInteger.TWO.pow(n)),
                java.math.MathContext.DECIMAL128).doubleValue();
        return Math.min(1, p);
    }

    @Test
    void replayedGpt4AnswersGiveTheReferenceFigures() throws Exception {
        Path out = dir.resolve("all");
        // --dataset ifeval (the default): the shipped prompts, found from any working folder
        CommandLineRun run = ok("bench", "ifeval", "--backend", "replay", "--responses",
                ExampleData.ifeval("responses_gpt4.jsonl"), "--modes", "direct", "--limit", 0, "--seeds", 1,
                "--out", out);
        assertTrue(run.out().contains("| direct | 77.1% |"), run::toString);

        JsonNode results = results(out);
        JsonNode direct = mode(results, "direct");
        JsonNode seed = direct.get("per_seed").get(0);
        assertEquals(541, direct.get("prompts").asInt());
        assertEquals(417, seed.get("strict_prompt_passed").asInt());
        assertEquals(431, seed.get("loose_prompt_passed").asInt());
        assertEquals(834, seed.get("instructions").asInt());
        assertEquals(698, seed.get("strict_instruction_followed").asInt());
        assertEquals(714, seed.get("loose_instruction_followed").asInt());
        assertEquals(417 / 541.0, direct.at("/strict_prompt/mean").asDouble(), 1e-12);
        assertTrue(direct.at("/strict_prompt/sd").isMissingNode(), "no spread from one seed");
        assertEquals("wilson", direct.at("/strict_prompt/ci95/method").asText());
        double low = direct.at("/strict_prompt/ci95/low").asDouble();
        double high = direct.at("/strict_prompt/ci95/high").asDouble();
        assertTrue(low < 417 / 541.0 && 417 / 541.0 < high, direct::toString);
        assertEquals(541, direct.get("model_calls").asInt(), "one replayed answer per prompt");
        assertEquals(0, results.get("strict_disagreements").asInt());
        assertEquals(0, results.get("mcnemar_vs_direct").size(), "no other mode to test");
        assertEquals(1.0, direct.at("/strict_by_instruction/detectable_content:postscript").asDouble(), 1e-12);
        assertTrue(results.at("/versions/verifiers/punctuation:no_comma").isTextual(), results::toString);
        assertEquals("replay", results.at("/versions/models/0/backend").asText());
        assertTrue(results.at("/speed/runs/wall_s").asDouble() > 0);
        assertStrictIsPassed(out, "direct-seed42");

        String markdown = Files.readString(out.resolve("results.md"));
        assertTrue(markdown.contains("| direct | 42 | 77.1% (417/541) | 79.7% (431/541) | 83.7% (698/834) |"
                + " 85.6% (714/834) |"), markdown);
        assertTrue(markdown.contains("| punctuation:no_comma |"), markdown);
        Document chart = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(out.resolve("chart.svg").toFile());
        assertEquals("svg", chart.getDocumentElement().getNodeName());
    }

    @Test
    void repairBeatsDirectOnEverySeedOnTheSameSampleAndResumeRunsNothingNew() throws Exception {
        Path prompts = ExampleData.ifeval("input_data.jsonl");
        Path responses = ExampleData.ifeval("responses_gpt4.jsonl");
        Path out = dir.resolve("paired");
        List<Object> args = List.of("bench", "ifeval", "--dataset", prompts, "--backend", "replay", "--responses",
                responses, "--modes", "direct,full_pcl", "--seeds", 2, "--limit", 100, "--out", out);
        ok(args.toArray());
        JsonNode first = results(out);
        JsonNode direct = mode(first, "direct");
        JsonNode repaired = mode(first, "full_pcl");
        assertEquals(2, direct.get("per_seed").size());
        for (int s = 0; s < 2; s++) {
            assertTrue(repaired.at("/per_seed/" + s + "/strict_prompt_passed").asInt()
                    >= direct.at("/per_seed/" + s + "/strict_prompt_passed").asInt(), first::toString);
        }
        assertEquals("prompt_bootstrap", direct.at("/strict_prompt/ci95/method").asText());
        assertTrue(direct.at("/strict_prompt/sd").isNumber(), "two seeds have a spread");
        JsonNode test = first.at("/mcnemar_vs_direct/full_pcl");
        int b = test.get("b_mode_only").asInt();
        int c = test.get("c_direct_only").asInt();
        assertEquals(0, c, "a repair never loses a prompt direct passes");
        assertTrue(b > 0, test::toString);
        assertEquals(exactP(b, c), test.get("p_exact").asDouble(), 1e-12 * exactP(b, c));
        assertEquals(b, repaired.at("/per_seed/0/strict_prompt_passed").asInt()
                + repaired.at("/per_seed/1/strict_prompt_passed").asInt()
                - direct.at("/per_seed/0/strict_prompt_passed").asInt()
                - direct.at("/per_seed/1/strict_prompt_passed").asInt());
        assertStrictIsPassed(out, "full_pcl-seed42");
        assertStrictIsPassed(out, "direct-seed43");

        // the sample: 100 keys in dataset order, the same again with the same --sample-seed, others with another
        List<String> datasetOrder = new ArrayList<>();
        for (String line : Files.readAllLines(prompts)) {
            datasetOrder.add(JSON.readTree(line).get("key").asText());
        }
        List<String> keys = keys(first);
        assertEquals(100, keys.size());
        assertEquals(datasetOrder.stream().filter(keys::contains).toList(), keys, "dataset order");
        Path again = dir.resolve("again");
        ok("bench", "ifeval", "--dataset", prompts, "--backend", "replay", "--responses", responses, "--modes",
                "direct", "--seeds", 1, "--limit", 100, "--sample-seed", 42, "--out", again);
        assertEquals(keys, keys(results(again)));
        Path other = dir.resolve("other");
        ok("bench", "ifeval", "--dataset", prompts, "--backend", "replay", "--responses", responses, "--modes",
                "direct", "--seeds", 1, "--limit", 100, "--sample-seed", 7, "--out", other);
        assertNotEquals(keys, keys(results(other)));
        assertEquals(100, keys(results(other)).size());

        // resuming a finished benchmark runs nothing and gives the same figures
        List<String> records = Files.readAllLines(out.resolve("runs/full_pcl-seed43/records.jsonl"));
        List<Object> resume = new ArrayList<>(args);
        resume.add("--resume");
        CommandLineRun resumed = ok(resume.toArray());
        assertTrue(resumed.out().contains("0 units run now, 400 already done"), resumed::toString);
        assertEquals(records, Files.readAllLines(out.resolve("runs/full_pcl-seed43/records.jsonl")));
        JsonNode second = results(out);
        for (String name : List.of("direct", "full_pcl")) {
            for (String figure : List.of("strict_prompt", "loose_prompt", "strict_instruction", "loose_instruction")) {
                assertEquals(mode(first, name).get(figure), mode(second, name).get(figure), name + " " + figure);
            }
        }
        assertEquals(first.get("mcnemar_vs_direct"), second.get("mcnemar_vs_direct"));
        assertEquals(first.at("/speed/runs"), second.at("/speed/runs"), "nothing ran: no time added");

        // a bench started with other settings is not resumed, and a new one does not overwrite one
        List<Object> otherSeeds = new ArrayList<>(resume);
        otherSeeds.set(otherSeeds.indexOf("--seeds") + 1, 3);
        badUsage("seeds: 2 there, 3 here", otherSeeds.toArray());
        badUsage("already holds a benchmark", args.toArray());
        badUsage("holds no benchmark to resume", "bench", "ifeval", "--dataset", prompts, "--responses", responses,
                "--out", dir.resolve("none"), "--resume");
    }

    private static List<String> keys(JsonNode results) {
        List<String> keys = new ArrayList<>();
        results.at("/sample/keys").forEach(k -> keys.add(k.asText()));
        return keys;
    }

    @Test
    void badOptionsAreUsageErrors() {
        Path responses = ExampleData.ifeval("responses_gpt4.jsonl");
        Path out = dir.resolve("bad");
        badUsage("unknown mode 'best_of_3': expected direct, prompt_retry, full_pcl or rollouts:N", "bench", "ifeval",
                "--responses", responses, "--modes", "direct,best_of_3", "--out", out);
        badUsage("full_pcl is named twice", "bench", "ifeval", "--responses", responses, "--modes",
                "full_pcl,direct,full_pcl", "--out", out);
        badUsage("--seeds must be at least 1", "bench", "ifeval", "--responses", responses, "--seeds", 0, "--out", out);
        badUsage("--limit must be 0", "bench", "ifeval", "--responses", responses, "--limit", -1, "--out", out);
        badUsage("--top-p must be in (0, 1]", "bench", "ifeval", "--responses", responses, "--top-p", 2, "--out", out);
        badUsage("--seeds", "bench", "ifeval", "--responses", responses, "--seeds", "three", "--out", out);
        badUsage("no such file", "bench", "ifeval", "--responses", responses, "--dataset", dir.resolve("nope.jsonl"),
                "--out", out);
        badUsage("give --model-dir or --option model-dir=, not both", "bench", "ifeval", "--backend", "jlama",
                "--model-dir", dir, "--option", "model-dir=" + dir, "--out", out);
        badUsage("Missing required option: '--out=DIR'", "bench", "ifeval", "--responses", responses);
        assertFalse(Files.exists(out), "a benchmark that cannot start leaves nothing behind");
    }

    @Test
    void aLocalModelRunsEveryModeEndToEnd() throws Exception {
        Path out = dir.resolve("stories");
        CommandLineRun run = ok("bench", "ifeval", "--backend", "jlama", "--model-dir",
                ExampleData.model("stories260K"), "--option", "raw=true", "--modes", "direct,full_pcl,rollouts:2",
                "--seeds", 2, "--limit", 4, "--max-new-tokens", 32, "--out", out);
        assertTrue(run.out().contains("32 units run now"), run::toString);
        JsonNode results = results(out);
        List<String> modes = new ArrayList<>();
        results.get("modes").forEach(m -> modes.add(m.get("mode").asText()));
        assertEquals(List.of("direct", "full_pcl", "rollouts:2"), modes);
        for (JsonNode mode : results.get("modes")) {
            assertEquals(4, mode.get("prompts").asInt());
            assertEquals(2, mode.get("per_seed").size());
            assertTrue(mode.get("model_calls").asInt() > 0, mode::toString);
            assertTrue(mode.at("/tokens/completion").asInt() > 0, mode::toString);
            assertTrue(mode.at("/time/model_s").asDouble() > 0, mode::toString);
        }
        assertEquals(2 * mode(results, "direct").get("model_calls").asInt(),
                mode(results, "rollouts:2").get("model_calls").asInt(), "two forks, one call each");
        assertEquals(8, Files.readAllLines(out.resolve("runs/rollouts_2-seed43/records.jsonl")).size(), "4 prompts x 2 forks");
        assertTrue(results.at("/mcnemar_vs_direct/full_pcl").isObject());
        assertTrue(results.at("/mcnemar_vs_direct/rollouts:2").isObject());
        JsonNode speed = results.at("/speed/runs");
        double wall = speed.get("wall_s").asDouble();
        double model = speed.get("model_s").asDouble();
        assertTrue(model > 0 && model <= wall, speed::toString);
        assertEquals(wall - model, speed.get("overhead_s").asDouble(), 1e-6);
        assertEquals(1.0, speed.get("model_share").asDouble() + speed.get("overhead_share").asDouble(), 1e-9);
        assertEquals("jlama", results.at("/versions/models/0/backend").asText());
        assertTrue(results.at("/versions/models/0/revision").asText().startsWith("sha256:"));
        assertEquals(0, results.get("strict_disagreements").asInt());
    }
}
