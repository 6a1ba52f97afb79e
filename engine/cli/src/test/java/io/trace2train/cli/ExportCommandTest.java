package io.trace2train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.trace2train.engine.Engine;
import io.trace2train.engine.config.EngineConfig;
import io.trace2train.engine.export.DatasetFeatures;
import io.trace2train.engine.verify.VerifierRegistry;
import io.trace2train.testing.ExampleData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training data from the compliance run on IFEval's 541 prompts with GPT-4's answers replayed and repaired. */
class ExportCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static Path run;
    private static Map<String, JsonNode> records;

    @BeforeAll
    static void repairRun() throws Exception {
        run = shared.resolve("run");
        CommandLineRun result = CommandLineRun.of("run", "--tasks", ExampleData.ifeval("input_data.jsonl"),
                "--mode", "full_pcl", "--backend", "replay", "--responses", ExampleData.ifeval("responses_gpt4.jsonl"),
                "--out", run);
        assertEquals(Main.OK, result.exitCode(), result::toString);
        records = new HashMap<>();
        for (JsonNode record : lines(run.resolve("records.jsonl"))) {
            records.put(record.get("record_id").textValue(), record);
        }
    }

    static List<JsonNode> lines(Path file) throws Exception {
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            rows.add(JSON.readTree(line));
        }
        return rows;
    }

    private List<JsonNode> export(String format, String... more) throws Exception {
        Path out = dir.resolve(format + "-" + more.length + ".jsonl");
        List<Object> args = new ArrayList<>(List.of("export", "--run", run, "--format", format, "--out", out));
        args.addAll(List.of((Object[]) more));
        CommandLineRun result = CommandLineRun.of(args.toArray());
        assertEquals(Main.OK, result.exitCode(), result::toString);
        return lines(out);
    }

    @Test
    void repairTracePairsAreTheRealFailedDraftsAgainstTheirPassingRepairs() throws Exception {
        Map<String, String> gpt4 = new HashMap<>();
        for (JsonNode row : lines(ExampleData.ifeval("responses_gpt4.jsonl"))) {
            gpt4.put(row.get("prompt").textValue(), row.get("response").textValue());
        }
        long repaired = records.values().stream()
                .filter(r -> r.get("passed").booleanValue() && !r.get("initial_violations").isEmpty()).count();
        List<JsonNode> rows = export("dpo");

        assertTrue(repaired > 30, "full_pcl repairs dozens of GPT-4's answers");
        assertEquals(repaired, rows.size(), "one pair per repaired answer: its draft was its only failed attempt");
        for (JsonNode row : rows) {
            JsonNode meta = row.get("metadata");
            JsonNode record = records.get(meta.at("/chosen/record_id").textValue());
            String prompt = row.at("/prompt/0/content").textValue();
            assertEquals("repair", meta.get("source").textValue());
            assertEquals(record.get("prompt_messages"), row.get("prompt"), "the task's own conversation");
            assertEquals(gpt4.get(prompt), row.at("/rejected/0/content").textValue(), "the real draft: GPT-4's");
            assertEquals(record.at("/attempts/0/output"), row.at("/rejected/0/content"));
            assertEquals(record.get("final_output"), row.at("/chosen/0/content"), "the repaired output");
            assertTrue(record.get("passed").booleanValue());
            assertEquals("assistant", row.at("/chosen/0/role").textValue());
            assertFalse(meta.get("rejected_fails").isEmpty());
            assertTrue(meta.get("prompt_id").textValue().matches("sha256:[0-9a-f]{64}"));
            assertEquals("replay", meta.at("/model/backend").textValue());
        }
    }

    @Test
    void openAiRowsHoldOnlyTheirFieldsAndTheTraceGoesToALineAlignedSidecar() throws Exception {
        List<JsonNode> trl = export("dpo");
        List<JsonNode> openai = export("dpo", "--flavor", "openai");
        Path out = dir.resolve("dpo-2.jsonl");
        List<JsonNode> sidecar = lines(out.resolveSibling(out.getFileName() + ".meta.jsonl"));

        assertEquals(trl.size(), openai.size());
        assertEquals(openai.size(), sidecar.size());
        for (int i = 0; i < openai.size(); i++) {
            JsonNode row = openai.get(i);
            assertEquals(Set.of("input", "preferred_output", "non_preferred_output"), fields(row));
            assertEquals(trl.get(i).get("prompt"), row.at("/input/messages"));
            assertEquals(trl.get(i).get("chosen"), row.get("preferred_output"));
            assertEquals(trl.get(i).get("rejected"), row.get("non_preferred_output"));
            assertEquals(i + 1, sidecar.get(i).get("line").intValue());
            assertEquals(trl.get(i).at("/metadata/chosen/record_id"), sidecar.get(i).at("/chosen/record_id"));
        }
        List<JsonNode> sft = export("sft", "--flavor", "openai");
        assertTrue(sft.stream().allMatch(r -> fields(r).equals(Set.of("messages"))));
    }

    @Test
    void sftTakesPassingOutputsKtoEveryAttemptAndRewardsEveryAnswer() throws Exception {
        List<JsonNode> sft = export("sft");
        assertEquals(records.values().stream().filter(r -> r.get("passed").booleanValue()).count(), sft.size());
        for (JsonNode row : sft) {
            JsonNode record = records.get(row.at("/metadata/completion/record_id").textValue());
            JsonNode messages = row.get("messages");
            assertEquals(record.get("final_output"), messages.get(messages.size() - 1).get("content"));
            assertEquals("assistant", messages.get(messages.size() - 1).get("role").textValue());
        }

        Set<String> distinctAttempts = new HashSet<>();
        long passingAttempts = 0;
        for (JsonNode record : records.values()) {
            for (JsonNode attempt : record.get("attempts")) {
                if (distinctAttempts.add(record.get("prompt_messages") + "\u0000" + attempt.get("output").textValue())
                        && hardPass(attempt)) {
                    passingAttempts++;
                }
            }
        }
        List<JsonNode> kto = export("kto");
        assertEquals(distinctAttempts.size(), kto.size(), "every attempt once, identical ones once");
        for (JsonNode row : kto) {
            JsonNode record = records.get(row.at("/metadata/completion/record_id").textValue());
            JsonNode attempt = record.get("attempts").get(row.at("/metadata/completion/attempt").intValue());
            assertEquals(attempt.get("output"), row.at("/completion/0/content"));
            assertEquals(hardPass(attempt), row.get("label").booleanValue());
            assertEquals(record.get("prompt_messages"), row.get("prompt"), "never the repair prompt");
        }
        assertEquals(passingAttempts, export("kto", "--pass-only").size());

        List<JsonNode> rewards = export("rewards");
        assertEquals(541, rewards.size());
        for (JsonNode row : rewards) {
            JsonNode record = records.get(row.at("/metadata/completion/record_id").textValue());
            assertEquals(record.at("/reward/value").doubleValue(), row.get("reward").doubleValue());
            assertEquals(record.get("passed"), row.get("passed"));
            assertEquals(record.at("/attempts/0/constraints").size(), row.get("constraints").size());
        }
        List<JsonNode> perfect = export("rewards", "--min-reward", "1.0");
        assertTrue(perfect.size() < rewards.size() && perfect.stream().allMatch(r -> r.get("reward").doubleValue() == 1));
    }

    @Test
    void rewardsRowsCarryEachConstraintWithItsArgumentsSoAnAnswerCanBeJudgedAgainWithoutTheTasks() throws Exception {
        VerifierRegistry verifiers = Engine.start(EngineConfig.defaults()).verifiers();
        Map<String, JsonNode> ifeval = new HashMap<>();
        for (JsonNode prompt : lines(ExampleData.ifeval("input_data.jsonl"))) {
            ifeval.put(prompt.get("prompt").textValue(), prompt);
        }
        int judged = 0;
        for (JsonNode row : export("rewards")) {
            String answer = row.at("/completion/0/content").textValue();
            JsonNode prompt = ifeval.get(row.at("/prompt/0/content").textValue());
            JsonNode constraints = row.get("constraints");
            assertEquals(prompt.get("instruction_id_list").size(), constraints.size());
            for (JsonNode constraint : constraints) {
                String verifier = constraint.get("verifier").textValue();
                assertEquals(prompt.get("instruction_id_list").get(constraint.get("index").intValue()).textValue(),
                        verifier);
                @SuppressWarnings("unchecked")
                Map<String, Object> args = JSON.readValue(constraint.get("args_json").textValue(), Map.class);
                assertEquals(constraint.get("passed").booleanValue(), verifiers.create(verifier, args).check(answer)
                        .passed(), verifier + " " + args + " on " + row.at("/metadata/completion/record_id"));
                assertEquals(1.0, constraint.get("weight").doubleValue());
                judged++;
            }
        }
        assertTrue(judged > 800, "every verdict of the 541 answers judged again from the row alone: " + judged);
    }

    @Test
    void theSummarySaysWhatTrainersWouldComplainAbout() throws Exception {
        Path kto = dir.resolve("kto.jsonl");
        CommandLineRun result = CommandLineRun.of("export", "--run", run, "--format", "kto", "--out", kto);
        assertEquals(Main.OK, result.exitCode(), result::toString);
        long desirable = lines(kto).stream().filter(r -> r.get("label").booleanValue()).count();
        assertTrue(result.out().contains("labels: " + desirable + " desirable (true), "
                + (lines(kto).size() - desirable) + " undesirable (false)"), result::toString);
        assertTrue(result.out().contains(" unusable"), result::toString);

        Path few = dir.resolve("few.jsonl");
        CommandLineRun small = CommandLineRun.of("export", "--run", run, "--format", "sft", "--flavor", "openai",
                "--max-per-task", "1", "--min-reward", "1", "--pass-only", "--out", few);
        assertEquals(Main.OK, small.exitCode(), small::toString);
        assertTrue(lines(few).size() >= 10 && !small.err().contains("at least 10"), small::toString);
        CommandLineRun none = CommandLineRun.of("export", "--run", run, "--format", "sft", "--flavor", "openai",
                "--min-reward", "2", "--out", few, "--overwrite");
        assertEquals(Main.OK, none.exitCode(), none::toString);
        assertTrue(none.err().contains("trace2train: warning: OpenAI's fine-tuning needs at least 10 examples; this"
                + " file has 0"), none::toString);
    }

    @Test
    void exportsOfARepairRunAndOfARolloutDeclareTheSameColumnTypesAndEveryRowFitsThem() throws Exception {
        Path tasks = dir.resolve("tasks.jsonl");
        Files.write(tasks, Files.readAllLines(ExampleData.ifeval("input_data.jsonl")).subList(0, 40));
        Path rollout = dir.resolve("rollout");
        CommandLineRun forks = CommandLineRun.of("rollouts", "--tasks", tasks, "--forks", 2, "--mode", "full_pcl",
                "--backend", "replay", "--responses", ExampleData.ifeval("responses_gpt4.jsonl"), "--out", rollout);
        assertEquals(Main.OK, forks.exitCode(), forks::toString);
        for (String format : List.of("sft", "dpo", "kto", "rewards")) {
            List<JsonNode> features = new ArrayList<>();
            for (Path source : List.of(run, rollout)) {
                Path out = dir.resolve(source.getFileName() + "-export").resolve(format + ".jsonl");
                CommandLineRun result = CommandLineRun.of("export", "--run", source, "--format", format, "--out", out);
                assertEquals(Main.OK, result.exitCode(), result::toString);
                assertTrue(result.out().contains("card: " + out.resolveSibling("README.md")), result::toString);
                String card = Files.readString(out.resolveSibling("README.md"));
                JsonNode header = new YAMLMapper().readTree(card.substring(4, card.indexOf("\n---\n", 4)));
                JsonNode declared = null;
                for (JsonNode info : header.get("dataset_info")) {
                    if (info.get("config_name").textValue().equals(format)) {
                        declared = info.get("features");
                    }
                }
                features.add(declared);
                DatasetFeatures types = DatasetFeatures.of(JSON.readTree(getClass().getResourceAsStream(
                        "/io/trace2train/exporters/training/schemas/" + format + "-trl.schema.json")));
                assertEquals(new YAMLMapper().valueToTree(types.yaml()), declared, format);
                for (JsonNode row : lines(out)) {
                    assertEquals(List.of(), types.problems(row), format + " of " + source + ": " + row);
                }
            }
            assertEquals(features.get(0), features.get(1), format);
        }
    }

    private static boolean hardPass(JsonNode attempt) {
        for (JsonNode c : attempt.get("constraints")) {
            if ("hard".equals(c.get("level").textValue()) && !c.get("passed").booleanValue()) {
                return false;
            }
        }
        return true;
    }

    private static Set<String> fields(JsonNode row) {
        Set<String> names = new HashSet<>();
        row.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void trainOnChoosesTheTurnsOfAgentEpisodesAndLeavesSingleAnswersAsTheyWere() throws Exception {
        Path all = dir.resolve("turns/all.jsonl");
        Path fin = dir.resolve("turns/final.jsonl");
        assertEquals(0, CommandLineRun.of("export", "--run", run, "--format", "sft", "--out", all).exitCode());
        CommandLineRun last = CommandLineRun.of("export", "--run", run, "--format", "sft", "--train-on", "final",
                "--out", fin);
        assertEquals(0, last.exitCode(), last::toString);
        assertEquals(Files.readString(all), Files.readString(fin), "single answers have one assistant turn");

        Path out = dir.resolve("turns/x.jsonl");
        CommandLineRun bad = CommandLineRun.of("export", "--run", run, "--format", "sft", "--train-on", "last",
                "--out", out);
        assertEquals(Main.BAD_INPUT, bad.exitCode(), bad::toString);
        assertTrue(bad.err().contains("argument 'train-on': must be one of [all, final], got 'last'"), bad::toString);
        CommandLineRun dpo = CommandLineRun.of("export", "--run", run, "--format", "dpo", "--train-on", "final",
                "--out", out);
        assertEquals(Main.BAD_INPUT, dpo.exitCode(), dpo::toString);
        assertTrue(dpo.err().contains("train-on"), dpo::toString);
        assertFalse(Files.exists(out));
    }

    @Test
    void badRequestsAreRefusedWithWhatToDo() throws Exception {
        Path out = dir.resolve("x.jsonl");
        CommandLineRun unknown = CommandLineRun.of("export", "--run", run, "--format", "dop", "--out", out);
        assertEquals(Main.BAD_INPUT, unknown.exitCode(), unknown::toString);
        assertTrue(unknown.err().contains("did you mean dpo"), unknown::toString);

        CommandLineRun flavor = CommandLineRun.of("export", "--run", run, "--format", "kto", "--flavor", "openai",
                "--out", out);
        assertEquals(Main.BAD_INPUT, flavor.exitCode(), flavor::toString);
        assertTrue(flavor.err().contains("has no flavor 'openai'"), flavor::toString);

        CommandLineRun option = CommandLineRun.of("export", "--run", run, "--format", "dpo", "--option", "pair=all",
                "--out", out);
        assertEquals(Main.BAD_INPUT, option.exitCode(), option::toString);
        assertTrue(option.err().contains("pair") && option.err().contains("did you mean [pairs]"), option::toString);

        CommandLineRun noRun = CommandLineRun.of("export", "--run", dir, "--format", "sft", "--out", out);
        assertEquals(Main.BAD_INPUT, noRun.exitCode(), noRun::toString);
        assertTrue(noRun.err().contains("holds no run"), noRun::toString);
        assertFalse(Files.exists(out));
    }

    @Test
    void aBrokenRecordStopsTheExportWithItsLineAndLeavesNoFileBehind() throws Exception {
        Path broken = dir.resolve("broken");
        Files.createDirectories(broken);
        Files.copy(run.resolve("manifest.json"), broken.resolve("manifest.json"));
        List<String> lines = new ArrayList<>(Files.readAllLines(run.resolve("records.jsonl")).subList(0, 300));
        lines.set(250, lines.get(250).replace("\"passed\":", "\"passd\":"));
        Files.write(broken.resolve("records.jsonl"), lines);
        Path out = dir.resolve("out/sft.jsonl");

        CommandLineRun result = CommandLineRun.of("export", "--run", broken, "--format", "sft", "--out", out);

        assertEquals(Main.BAD_INPUT, result.exitCode(), result::toString);
        assertTrue(result.err().contains(broken.resolve("records.jsonl") + ":251:"), result::toString);
        try (Stream<Path> left = Files.list(out.getParent())) {
            assertEquals(List.of(), left.toList(), "no half-written file, no temporary file");
        }
    }
}
