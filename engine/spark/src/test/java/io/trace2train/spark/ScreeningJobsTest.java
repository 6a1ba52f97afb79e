package io.trace2train.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trace2train.engine.Dedup;
import io.trace2train.engine.dedup.DuplicateClusters;
import io.trace2train.testing.ExampleData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dedup} and {@code decontaminate} in {@code local[2]}: MinHash de-duplication against exact de-duplication
 * on planted near-duplicates, decontamination against prompts planted from IFEval, IFBench and τ-bench, bad rows and
 * a rerun over a stale staging folder. One Spark session for the class.
 */
class ScreeningJobsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("ScreeningJobsTest")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
                .config("spark.default.parallelism", "2").getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** 80 words drawn from a 2,000-word vocabulary: two such texts share next to no 5-word shingle. */
    private static List<String> words(Random random, int count) {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            words.add("w" + random.nextInt(2000));
        }
        return words;
    }

    private static String sft(String prompt, String completion) {
        ObjectNode row = JSON.createObjectNode();
        row.putArray("messages").add(JSON.createObjectNode().put("role", "user").put("content", prompt))
                .add(JSON.createObjectNode().put("role", "assistant").put("content", completion));
        return row.toString();
    }

    private static String kto(String prompt, String completion, String task) {
        ObjectNode row = JSON.createObjectNode();
        row.putArray("prompt").add(JSON.createObjectNode().put("role", "user").put("content", prompt));
        row.putArray("completion").add(JSON.createObjectNode().put("role", "assistant").put("content", completion));
        row.put("label", true).putObject("metadata").put("task_id", task);
        return row.toString();
    }

    /**
     * 60 distinct prompts and planted near-duplicates of them: recased and re-spaced copies (similarity 1), one word
     * changed (about 0.88), a chain (a ~ b ~ c, a and c further apart), spread over two files in two formats.
     */
    private static List<List<String>> planted() {
        Random random = new Random(42);
        List<List<String>> files = List.of(new ArrayList<>(), new ArrayList<>());
        List<List<String>> prompts = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            prompts.add(words(random, 80));
        }
        for (int i = 0; i < 60; i++) {
            String prompt = String.join(" ", prompts.get(i));
            String completion = "answer " + i;
            files.get(i % 2).add(i % 3 == 0 ? kto(prompt, completion, "t" + i) : sft(prompt, completion));
            if (i % 7 == 0) {
                // the same prompt, recased, re-spaced and punctuated: similarity 1
                files.get((i + 1) % 2).add(sft(prompt.toUpperCase().replace(" ", " ,\t "), "other " + i));
            }
            if (i % 5 == 0) {
                List<String> edited = new ArrayList<>(prompts.get(i));
                edited.set(40, "changed");
                files.get(1).add(kto(String.join(" ", edited), completion, "edit" + i));
                // and an edit of the edit, further from the original than from the first edit
                edited.set(20, "again");
                files.get(0).add(sft(String.join(" ", edited), completion));
            }
        }
        return files;
    }

    /** Exact de-duplication: every pair's Jaccard similarity, the same clusters. */
    private static Set<Long> exactRemoved(List<Path> files, Dedup.On on, double threshold, int shingle,
            List<Double> similarities) throws Exception {
        List<Long> keys = new ArrayList<>();
        List<int[]> features = new ArrayList<>();
        for (int f = 0; f < files.size(); f++) {
            List<String> lines = Files.readAllLines(files.get(f));
            for (int l = 0; l < lines.size(); l++) {
                keys.add(TrainingRowFiles.Line.key(f, l + 1));
                features.add(Dedup.features(Dedup.row(files.get(f), l + 1, lines.get(l)), on, shingle));
            }
        }
        List<DuplicateClusters.Pair> pairs = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            for (int j = i + 1; j < keys.size(); j++) {
                double similarity = Dedup.jaccard(features.get(i), features.get(j));
                similarities.add(similarity);
                if (similarity >= threshold) {
                    pairs.add(new DuplicateClusters.Pair(keys.get(i), keys.get(j), similarity));
                }
            }
        }
        return Dedup.removed(pairs).stream().map(DuplicateClusters.Removed::row).collect(Collectors.toSet());
    }

    private static List<Path> write(Path dir, List<List<String>> files) throws Exception {
        Files.createDirectories(dir);
        List<Path> paths = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            paths.add(Files.write(dir.resolve("part" + i + ".jsonl"), files.get(i)));
        }
        return paths;
    }

    @Test
    void minHashDedupKeepsTheRowsExactDedupKeepsAwayFromTheThreshold(@TempDir Path dir) throws Exception {
        List<Path> inputs = write(dir.resolve("in"), planted());
        List<Double> similarities = new ArrayList<>();
        Set<Long> exact = exactRemoved(inputs, Dedup.On.PROMPT, 0.7, 5, similarities);
        // no pair near the threshold: MinHash with 6 tables misses a pair of 0.75 with probability 0.25^6 < 0.0003
        assertTrue(similarities.stream().allMatch(s -> s >= 0.75 || s <= 0.3), "a borderline pair was planted");
        // 9 recased copies, 12 edits and 12 edits of edits
        assertEquals(33, exact.size());

        DedupJob.Result result = DedupJob.run(spark, new DedupJob.Options(inputs.stream().map(Path::toString)
                .toList(), dir.resolve("out").toString(), "prompt", 0.7, 6, 1, 5, 3, false));
        Set<Long> removed = result.removed().stream().map(DuplicateClusters.Removed::row).collect(Collectors.toSet());
        assertEquals(new TreeSet<>(exact), new TreeSet<>(removed));

        // the kept rows: input order, each file under its name, each cluster's first row
        long rows = 0;
        for (int f = 0; f < inputs.size(); f++) {
            List<String> in = Files.readAllLines(inputs.get(f));
            List<String> expected = new ArrayList<>();
            for (int l = 0; l < in.size(); l++) {
                if (!exact.contains(TrainingRowFiles.Line.key(f, l + 1))) {
                    expected.add(in.get(l));
                }
            }
            rows += in.size();
            assertEquals(expected, Files.readAllLines(dir.resolve("out").resolve(inputs.get(f).getFileName())));
        }
        JsonNode report = JSON.readTree(dir.resolve("out").resolve(DedupJob.REPORT).toFile());
        assertEquals(rows, report.get("input_rows").asLong());
        assertEquals(rows - exact.size(), report.get("kept").asLong());
        assertEquals(exact.size(), report.get("removed").asInt());
        assertTrue(Files.exists(dir.resolve("out").resolve(StagedOutput.SUCCESS)));
        for (JsonNode one : report.get("removed_rows")) {
            long key = TrainingRowFiles.Line.key(one.get("file").asText().endsWith("part0.jsonl") ? 0 : 1,
                    one.get("line").asInt());
            assertTrue(exact.contains(key), one.toString());
            assertTrue(one.get("similarity").asDouble() >= 0.7, one.toString());
            String keptFile = one.get("kept").get("file").asText();
            int keptLine = one.get("kept").get("line").asInt();
            // the kept row comes first in input order
            assertTrue(keptFile.compareTo(one.get("file").asText()) < 0 || keptFile.equals(one.get("file").asText())
                    && keptLine < one.get("line").asInt(), one.toString());
        }
        // the edit of prompt 0 (a KTO row with its task id) names the prompt it duplicates, at its similarity
        JsonNode edit = find(report, "edit0");
        assertEquals(inputs.get(0).toAbsolutePath().toString(), edit.get("kept").get("file").asText());
        assertEquals(1, edit.get("kept").get("line").asInt());
        assertEquals("t0", edit.get("kept").get("id").asText());
        assertEquals(71.0 / 81, edit.get("similarity").asDouble(), 1e-9);
    }

    private static JsonNode find(JsonNode report, String id) {
        for (JsonNode one : report.get("removed_rows")) {
            if (id.equals(one.get("id").asText(null))) {
                return one;
            }
        }
        throw new AssertionError("no removed row " + id + " in " + report);
    }

    @Test
    void dedupOnCompletionsKeepsRowsThatShareOnlyTheirPrompt(@TempDir Path dir) throws Exception {
        Random random = new Random(3);
        String prompt = String.join(" ", words(random, 30));
        String answer = String.join(" ", words(random, 30));
        Path in = Files.write(dir.resolve("sft.jsonl"), List.of(sft(prompt, answer), sft(prompt,
                String.join(" ", words(random, 30))), sft(String.join(" ", words(random, 30)), answer.toUpperCase()),
                "", sft(prompt, "")));
        DedupJob.Result byPrompt = DedupJob.run(spark, new DedupJob.Options(List.of(in.toString()),
                dir.resolve("prompt").toString(), "prompt", 0.9, 5, 0, 5, 0, false));
        assertEquals(List.of(2L, 5L), byPrompt.removed().stream().map(r -> (long) TrainingRowFiles.line(r.row()))
                .toList());
        DedupJob.Result byCompletion = DedupJob.run(spark, new DedupJob.Options(List.of(in.toString()),
                dir.resolve("completion").toString(), "completion", 0.9, 5, 0, 5, 0, false));
        // the blank line is skipped; the empty completion has no words and is kept
        assertEquals(4, byCompletion.rows());
        assertEquals(List.of(3L), byCompletion.removed().stream().map(r -> (long) TrainingRowFiles.line(r.row()))
                .toList());
        JsonNode report = JSON.readTree(dir.resolve("completion").resolve(DedupJob.REPORT).toFile());
        assertEquals(1, report.get("without_text").asInt());
        DedupJob.Result both = DedupJob.run(spark, new DedupJob.Options(List.of(in.toString()),
                dir.resolve("both").toString(), "both", 0.9, 5, 0, 5, 0, false));
        assertEquals(List.of(), both.removed());
    }

    /** A KTO row whose prompt is {@code text}. */
    private static String trainingRow(String text, String task) {
        return kto(text, "some answer", task);
    }

    @Test
    void decontaminationRemovesPromptsPlantedFromTheBenchmarksAndKeepsUnrelatedRows(@TempDir Path dir)
            throws Exception {
        String ifeval = ExampleData.jsonLines(ExampleData.ifeval("input_data.jsonl")).get(5).get("prompt").asText();
        String ifevalKey = ExampleData.jsonLines(ExampleData.ifeval("input_data.jsonl")).get(5).get("key").asText();
        JsonNode ifbenchRow = ExampleData.jsonLines(ExampleData.ifbench("IFBench_test.jsonl")).get(7);
        JsonNode tauTask = ExampleData.jsonLines(ExampleData.tauBench("airline/tasks.jsonl")).get(3);
        String instruction = tauTask.get("user").get("simulator").get("instruction").asText();
        List<String> tauWords = List.of(instruction.split(" "));
        // recased and re-spaced
        String ifbench = ifbenchRow.get("prompt").asText().toUpperCase().replace(" ", "  \n ");
        // 14 of the instruction's words in a row inside a prompt of its own, a changed word before them
        String tau = "Please help me. " + String.join(" ", tauWords.subList(0, 3)) + " CHANGED "
                + String.join(" ", tauWords.subList(4, 18)) + " thanks a lot";
        Random random = new Random(9);
        List<String> rows = new ArrayList<>();
        rows.add(trainingRow(String.join(" ", words(random, 40)), "clean1"));
        rows.add(trainingRow(ifeval, "from-ifeval"));
        rows.add(trainingRow("Write a short poem about the sea, in exactly four lines.", "clean2"));
        rows.add(trainingRow(ifbench, "from-ifbench"));
        rows.add(trainingRow(tau, "from-tau"));
        rows.add(trainingRow(String.join(" ", words(random, 40)), "clean3"));
        Path in = Files.write(dir.resolve("kto.jsonl"), rows);

        DecontaminateJob.Result result = DecontaminateJob.run(spark, new DecontaminateJob.Options(
                List.of(in.toString()), dir.resolve("out").toString(), List.of("ifeval", "ifbench", "tau-airline"),
                List.of(), 13, 1, 2, false));
        assertEquals(6, result.rows());
        assertEquals(3, result.kept());
        assertEquals(List.of(rows.get(0), rows.get(2), rows.get(5)),
                Files.readAllLines(dir.resolve("out").resolve("kto.jsonl")));
        assertEquals(java.util.Map.of("ifeval", 1L, "ifbench", 1L, "tau-airline", 1L), result.removed());
        JsonNode report = JSON.readTree(dir.resolve("out").resolve(DecontaminateJob.REPORT).toFile());
        JsonNode ifevalRemoved = report.get("benchmarks").get("ifeval");
        assertEquals(541, ifevalRemoved.get("prompts").asInt());
        assertEquals(ifevalKey, ifevalRemoved.get("removed_rows").get(0).get("benchmark_key").asText());
        assertEquals(2, ifevalRemoved.get("removed_rows").get(0).get("line").asInt());
        JsonNode ifbenchRemoved = report.get("benchmarks").get("ifbench").get("removed_rows").get(0);
        assertEquals(ifbenchRow.get("key").asText(), ifbenchRemoved.get("benchmark_key").asText());
        assertEquals("from-ifbench", ifbenchRemoved.get("id").asText());
        JsonNode tauRemoved = report.get("benchmarks").get("tau-airline").get("removed_rows").get(0);
        assertEquals(tauTask.get("id").asText() + "/instruction", tauRemoved.get("benchmark_key").asText());
        // the shared n-gram: 13 words after the changed one, lower-cased, punctuation gone
        String ngram = tauRemoved.get("ngram").asText();
        assertEquals(13, ngram.split(" ").length, ngram);
        assertFalse(ngram.contains("changed"), ngram);
        assertTrue(io.trace2train.engine.dedup.Words.of(instruction).stream().collect(Collectors.joining(" "))
                .contains(ngram), ngram);

        // a user's own benchmark file: the row shares all its n-grams, and no more
        String ownPrompt = String.join(" ", tauWords.subList(4, 18));
        int grams = io.trace2train.engine.dedup.Words.of(ownPrompt).size() - 13 + 1;
        Path own = Files.write(dir.resolve("mine.jsonl"), List.of("{\"id\": \"q1\", \"prompt\": "
                + JSON.writeValueAsString(ownPrompt) + "}"));
        DecontaminateJob.Result mine = DecontaminateJob.run(spark, new DecontaminateJob.Options(
                List.of(in.toString()), dir.resolve("mine").toString(), List.of(), List.of(own.toString()), 13, grams,
                0, false));
        assertEquals(java.util.Map.of("mine.jsonl", 1L), mine.removed());
        DecontaminateJob.Result strict = DecontaminateJob.run(spark, new DecontaminateJob.Options(
                List.of(in.toString()), dir.resolve("strict").toString(), List.of(), List.of(own.toString()), 13,
                grams + 1, 0, false));
        assertEquals(java.util.Map.of("mine.jsonl", 0L), strict.removed());
    }

    @Test
    void badRowsAreReportedByFileLineAndFieldCountedAndNothingIsWritten(@TempDir Path dir) throws Exception {
        Path in = Files.write(dir.resolve("rows.jsonl"), List.of(sft("a prompt", "an answer"), "not json",
                "{\"completion\": \"no prompt\"}", sft("another prompt", "x"), "{\"prompt\": 7}", "[1]"));
        for (String job : List.of("dedup", "decontaminate")) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Path out = dir.resolve("out-" + job);
            int status = SparkJobs.run(spark, new String[] {job, "--output", out.toString(), in.toString()},
                    new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
            String message = err.toString(StandardCharsets.UTF_8);
            assertEquals(1, status, message);
            assertTrue(message.startsWith("4 bad input rows, nothing written:"), message);
            assertTrue(message.contains(in + ":2: not valid JSON"), message);
            assertTrue(message.contains(in + ":3: prompt: missing"), message);
            assertTrue(message.contains(in + ":5: prompt: expected a string or an array of messages"), message);
            assertTrue(message.contains(in + ":6: expected a JSON object"), message);
            assertFalse(Files.exists(out), job);
            assertFalse(Files.exists(dir.resolve(".out-" + job + ".staging")), job);
        }
        // a bad line of a benchmark file too
        Path own = Files.write(dir.resolve("mine.jsonl"), List.of("{\"prompt\": \"fine\"}", "{\"key\": 2}"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path good = Files.write(dir.resolve("good.jsonl"), List.of(sft("a prompt", "an answer")));
        int status = SparkJobs.run(spark, new String[] {"decontaminate", "--benchmark-file", own.toString(),
                "--output", dir.resolve("own").toString(), good.toString()}, new PrintStream(
                        new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(1, status, err.toString(StandardCharsets.UTF_8));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains(own + ":2: prompt: missing"), err.toString());
        // an unknown benchmark is a usage error
        err.reset();
        status = SparkJobs.run(spark, new String[] {"decontaminate", "--benchmarks", "ifeval,mmlu", "--output",
                dir.resolve("unknown").toString(), good.toString()}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, status);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown benchmark 'mmlu'"), err.toString());
        // settings out of range or not numbers are usage errors too
        for (String[] bad : List.of(new String[] {"dedup", "--threshold", "abc"}, new String[] {"dedup", "--threshold",
            "1.5"}, new String[] {"dedup", "--on", "title"}, new String[] {"dedup", "--num-hash-tables", "0"},
            new String[] {"decontaminate", "--ngram", "99999999999"}, new String[] {"decontaminate", "--min-overlap",
                "0"})) {
            err.reset();
            List<String> args = new ArrayList<>(List.of(bad));
            args.addAll(List.of("--output", dir.resolve("never").toString(), good.toString()));
            assertEquals(2, SparkJobs.run(spark, args.toArray(String[]::new), new PrintStream(
                    new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8)), args.toString());
            assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("--" + bad[1].substring(2)), err.toString());
            assertFalse(Files.exists(dir.resolve("never")));
        }
    }

    @Test
    void aRerunOverAStaleStagingFolderGivesTheSameOutputAndSidecarsFollowTheirRows(@TempDir Path dir)
            throws Exception {
        Random random = new Random(5);
        String prompt = String.join(" ", words(random, 20));
        List<String> rows = List.of(sft(prompt, "a"), sft(String.join(" ", words(random, 20)), "b"),
                sft(prompt + ".", "c"));
        Files.createDirectories(dir.resolve("in"));
        Files.write(dir.resolve("in").resolve("sft.jsonl"), rows, StandardCharsets.UTF_8);
        Files.write(dir.resolve("in").resolve("sft.meta.jsonl"), List.of("{\"n\":1}", "{\"n\":2}", "{\"n\":3}"));
        String[] args = {"dedup", "--threshold", "0.9", "--output", dir.resolve("clean").toString(),
            dir.resolve("in").toString()};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, SparkJobs.run(spark, args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream())));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("3 rows, 2 kept, 1 near-duplicates removed"),
                out.toString());
        // a killed job's leftovers: a half-written staging folder
        Path stale = dir.resolve(".rerun.staging");
        Files.createDirectories(stale);
        Files.writeString(stale.resolve("sft.jsonl"), "{\"half\":");
        Files.writeString(stale.resolve("junk"), "x");
        args[4] = dir.resolve("rerun").toString();
        assertEquals(0, SparkJobs.run(spark, args, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream())));
        assertFalse(Files.exists(stale));
        for (String file : List.of("sft.jsonl", "sft.meta.jsonl", DedupJob.REPORT, StagedOutput.SUCCESS)) {
            assertEquals(Files.readString(dir.resolve("clean").resolve(file)),
                    Files.readString(dir.resolve("rerun").resolve(file)), file);
        }
        try (var files = Files.list(dir.resolve("rerun"))) {
            assertEquals(4, files.count());
        }
        assertEquals(List.of(rows.get(0), rows.get(1)), Files.readAllLines(dir.resolve("rerun").resolve("sft.jsonl")));
        assertEquals(List.of("{\"n\":1}", "{\"n\":2}"), Files.readAllLines(dir.resolve("rerun")
                .resolve("sft.meta.jsonl")));
        // the output exists: a second run needs --overwrite
        assertThrows(java.nio.file.FileAlreadyExistsException.class, () -> SparkJobs.run(spark, args,
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream())));
    }
}
