package io.trace2train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {

    @TempDir
    Path dir;

    private Path prompts(String... rows) throws Exception {
        return Files.writeString(dir.resolve("prompts.jsonl"), String.join("\n", rows) + "\n");
    }

    private Path responses(String... rows) throws Exception {
        return Files.writeString(dir.resolve("responses.jsonl"), String.join("\n", rows) + "\n");
    }

    @Test
    void aPromptWithoutAResponseIsReportedByKeyAndFails() throws Exception {
        Path prompts = prompts(
                "{\"key\": 1, \"prompt\": \"A\", \"instruction_id_list\": [\"punctuation:no_comma\"], \"kwargs\": [{}]}",
                "{\"key\": 2, \"prompt\": \"B\", \"instruction_id_list\": [\"punctuation:no_comma\"], \"kwargs\": [{}]}");
        Path responses = responses("{\"prompt\": \"A\", \"response\": \"no commas here\"}");

        CommandLineRun run = CommandLineRun.of("verify", "--prompts", prompts, "--responses", responses,
                "--out", dir.resolve("out"));

        assertEquals(Main.OK, run.exitCode(), run::toString);
        assertTrue(run.err().contains("1 prompt(s) have no response") && run.err().contains("keys [2]"), run::toString);
        assertTrue(run.out().contains("1/2 0.5000"), run::toString);
        List<String> rows = Files.readAllLines(dir.resolve("out/eval_results_strict.jsonl"));
        assertEquals("{\"follow_all_instructions\": false, \"follow_instruction_list\": [false], "
                + "\"instruction_id_list\": [\"punctuation:no_comma\"], \"prompt\": \"B\", \"response\": \"\"}",
                rows.get(1));
    }

    @Test
    void aFileMayMixIfevalAndIfbenchRowsEachFindingItsResponseByItsHarnessesRule() throws Exception {
        Path prompts = prompts(
                "{\"key\": 1, \"prompt\": \"A\", \"instruction_id_list\": [\"punctuation:no_comma\"], \"kwargs\": [{}]}",
                // IFBench's string key, kept as written; an IFBench id and an IFEval one (the ifeval plugin's
                // deterministic 2025 letter rule: '#' is counted, not replaced by a random letter)
                "{\"key\": \"b1\", \"prompt\": \"  B \", \"instruction_id_list\": [\"format:no_whitespace\","
                        + " \"keywords:letter_frequency\"], \"kwargs\": [{}, {\"letter\": \"#\","
                        + " \"let_frequency\": 3, \"let_relation\": \"at least\"}]}",
                // an IFEval row finds only its exact prompt
                "{\"key\": 3, \"prompt\": \" C\", \"instruction_id_list\": [\"punctuation:no_comma\"], \"kwargs\": [{}]}",
                "{\"key\": \"b4\", \"prompt\": \"D\", \"instruction_id_list\": [\"format:no_whitespace\"],"
                        + " \"kwargs\": [{}]}");
        // IFBench files a padded prompt under its stripped text too, a later row winning: B and D are found
        Path responses = responses(
                "{\"prompt\": \"A\", \"response\": \"no commas here\"}",
                "{\"prompt\": \"B\", \"response\": \"###\"}",
                "{\"prompt\": \"C\", \"response\": \"no commas\"}",
                "{\"prompt\": \"D\", \"response\": \"has whitespace\"}",
                "{\"prompt\": \" D \", \"response\": \"none\"}");

        CommandLineRun run = CommandLineRun.of("verify", "--prompts", prompts, "--responses", responses,
                "--out", dir.resolve("out"));

        assertEquals(Main.OK, run.exitCode(), run::toString);
        assertTrue(run.err().contains("1 prompt(s) have no response") && run.err().contains("keys [3]"), run::toString);
        List<String> rows = Files.readAllLines(dir.resolve("out/eval_results_strict.jsonl"));
        assertEquals(List.of(
                "{\"follow_all_instructions\": true, \"follow_instruction_list\": [true], \"instruction_id_list\":"
                        + " [\"punctuation:no_comma\"], \"prompt\": \"A\", \"response\": \"no commas here\"}",
                "{\"follow_all_instructions\": true, \"follow_instruction_list\": [true, true], \"instruction_id_list\":"
                        + " [\"format:no_whitespace\", \"keywords:letter_frequency\"], \"prompt\": \"  B \","
                        + " \"response\": \"###\"}",
                "{\"follow_all_instructions\": false, \"follow_instruction_list\": [false], \"instruction_id_list\":"
                        + " [\"punctuation:no_comma\"], \"prompt\": \" C\", \"response\": \"\"}",
                // IFBench's dictionary: the later row " D " filed its response under "D" too
                "{\"follow_all_instructions\": true, \"follow_instruction_list\": [true], \"instruction_id_list\":"
                        + " [\"format:no_whitespace\"], \"prompt\": \"D\", \"response\": \"none\"}"), rows);
    }

    @Test
    void aRunawayKeywordRegexIsNotCheckableAndMarkedNotAHang() throws Exception {
        String x = "x".repeat(3_000);
        Path prompts = prompts(
                "{\"key\": 7, \"prompt\": \"A\", \"instruction_id_list\": [\"keywords:existence\", "
                        + "\"punctuation:no_comma\"], \"kwargs\": [{\"keywords\": [\"(x+x+)+y\"]}, {}]}");
        Path responses = responses("{\"prompt\": \"A\", \"response\": \"" + x + "\"}");

        CommandLineRun run = CommandLineRun.of("verify", "--prompts", prompts, "--responses", responses,
                "--out", dir.resolve("out"));

        assertEquals(Main.OK, run.exitCode(), run::toString);
        assertTrue(run.err().contains("1 prompt(s) have an instruction that could not be checked")
                && run.err().contains("keys [7]"), run::toString);
        for (String file : List.of("out/eval_results_strict.jsonl", "out/eval_results_loose.jsonl")) {
            String row = Files.readAllLines(dir.resolve(file)).get(0);
            assertTrue(row.contains("\"follow_instruction_list\": [false, true]")
                    && row.endsWith(", \"not_checkable_instruction_list\": [true, false]}"), row);
        }
    }

    @Test
    void earlierResultsAreReplacedOnlyWithOverwrite() throws Exception {
        Path prompts = prompts(
                "{\"key\": 1, \"prompt\": \"A\", \"instruction_id_list\": [\"punctuation:no_comma\"], \"kwargs\": [{}]}");
        Path out = dir.resolve("out");
        Path strict = out.resolve("eval_results_strict.jsonl");
        CommandLineRun first = CommandLineRun.of("verify", "--prompts", prompts, "--responses",
                responses("{\"prompt\": \"A\", \"response\": \"no commas\"}"), "--out", out);
        assertEquals(Main.OK, first.exitCode(), first::toString);
        String before = Files.readString(strict);

        Path changed = responses("{\"prompt\": \"A\", \"response\": \"a, comma\"}");
        CommandLineRun again = CommandLineRun.of("verify", "--prompts", prompts, "--responses", changed, "--out", out);
        assertEquals(Main.BAD_INPUT, again.exitCode(), again::toString);
        assertTrue(again.err().contains(out + " already holds results (eval_results_strict.jsonl): choose another"
                + " --out folder, or replace them with --overwrite"), again::toString);
        assertEquals(before, Files.readString(strict));

        CommandLineRun replaced = CommandLineRun.of("verify", "--prompts", prompts, "--responses", changed, "--out",
                out, "--overwrite");
        assertEquals(Main.OK, replaced.exitCode(), replaced::toString);
        assertTrue(Files.readString(strict).contains("a, comma"));
    }

    @Test
    void aMalformedLineIsReportedAsFileAndLineWithExitTwo() throws Exception {
        Path prompts = prompts(
                "{\"key\": 1, \"prompt\": \"A\", \"instruction_id_list\": [\"punctuation:no_comma\"], \"kwargs\": [{}]}",
                "{\"key\": 2, \"prompt\": \"B\", ");
        Path responses = responses("{\"prompt\": \"A\", \"response\": \"x\"}");

        CommandLineRun run = CommandLineRun.of("verify", "--prompts", prompts, "--responses", responses,
                "--out", dir.resolve("out"));

        assertEquals(Main.BAD_INPUT, run.exitCode(), run::toString);
        assertTrue(run.err().contains(prompts + ":2: not valid JSON"), run::toString);
        assertFalse(Files.exists(dir.resolve("out")), "nothing is written from bad input");
    }

    @Test
    void anUnknownInstructionIdNamesTheClosestKnownOnes() throws Exception {
        Path prompts = prompts("{\"key\": 1, \"prompt\": \"A\", \"instruction_id_list\": "
                + "[\"detectable_format:number_bullets\"], \"kwargs\": [{\"num_bullets\": 2}]}");
        Path responses = responses("{\"prompt\": \"A\", \"response\": \"x\"}");

        CommandLineRun run = CommandLineRun.of("verify", "--prompts", prompts, "--responses", responses,
                "--out", dir.resolve("out"));

        assertEquals(Main.BAD_INPUT, run.exitCode(), run::toString);
        assertTrue(run.err().contains(prompts + ":1: instruction_id_list[0]: unknown instruction id "
                + "'detectable_format:number_bullets'; did you mean detectable_format:number_bullet_lists"),
                run::toString);
    }

    @Test
    void aBadArgumentNamesTheInstructionAndTheField() throws Exception {
        Path prompts = prompts("{\"key\": 1, \"prompt\": \"A\", \"instruction_id_list\": "
                + "[\"length_constraints:number_words\"], \"kwargs\": [{\"num_words\": 5, \"relation\": \"exactly\"}]}");
        Path responses = responses("{\"prompt\": \"A\", \"response\": \"x\"}");

        CommandLineRun run = CommandLineRun.of("verify", "--prompts", prompts, "--responses", responses,
                "--out", dir.resolve("out"));

        assertEquals(Main.BAD_INPUT, run.exitCode(), run::toString);
        assertTrue(run.err().contains(prompts + ":1: kwargs[0].relation: length_constraints:number_words: "
                + "expected \"less than\" or \"at least\" but got \"exactly\""), run::toString);
    }

    @Test
    void aMissingFileAndAMissingOptionAreUsageErrors() {
        CommandLineRun missingFile = CommandLineRun.of("verify", "--prompts", dir.resolve("nope.jsonl"),
                "--responses", dir.resolve("nope.jsonl"), "--out", dir);
        assertEquals(Main.BAD_INPUT, missingFile.exitCode(), missingFile::toString);
        assertTrue(missingFile.err().contains("nope.jsonl: no such file"), missingFile::toString);

        CommandLineRun missingOption = CommandLineRun.of("verify", "--prompts", "x");
        assertEquals(Main.BAD_INPUT, missingOption.exitCode(), missingOption::toString);
        assertTrue(missingOption.err().contains("Missing required options"), missingOption::toString);
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : List.of("verify", "plugins", "bench")) {
            CommandLineRun run = CommandLineRun.of(command, "--help");
            assertEquals(Main.OK, run.exitCode(), run::toString);
            assertTrue(run.out().startsWith("Usage: trace2train " + command), run::toString);
        }
    }
}
