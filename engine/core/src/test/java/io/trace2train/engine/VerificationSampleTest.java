package io.trace2train.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trace2train.engine.config.EngineConfig;
import io.trace2train.engine.ifeval.Harness;
import io.trace2train.engine.ifeval.IfevalPrompt;
import io.trace2train.engine.ifeval.Responses;
import io.trace2train.engine.io.Digests;
import io.trace2train.testing.ExampleData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the benchmarks take from {@link Verification}: reading prompts and responses, sampling, judging one output. */
class VerificationSampleTest {

    private static Verification verify;

    @TempDir
    Path dir;

    @BeforeAll
    static void startEngine() {
        verify = Engine.start(EngineConfig.defaults()).verify();
    }

    @Test
    void aSampleIsTheRowsTheIndicesPickAndReadsBackAsTheSamePrompts() throws Exception {
        Path dataset = ExampleData.ifeval("input_data.jsonl");
        List<IfevalPrompt> all = verify.prompts(dataset);

        Verification.Sample sample = verify.sample(dataset, 25, 7);

        assertEquals(541, sample.datasetPrompts());
        assertEquals(25, sample.prompts());
        assertEquals(Digests.sha256(dataset), sample.datasetSha256());
        assertEquals(Digests.sha256(sample.rows().getBytes(StandardCharsets.UTF_8)), sample.rowsSha256());
        List<IfevalPrompt> reread = verify.prompts(Files.writeString(dir.resolve("sample.jsonl"), sample.rows()));
        List<IfevalPrompt> expected = Arrays.stream(Examples.sampleIndices(541, 25, 7)).mapToObj(all::get).toList();
        assertEquals(expected.stream().map(IfevalPrompt::key).toList(), reread.stream().map(IfevalPrompt::key).toList());
        assertEquals(expected.stream().map(IfevalPrompt::prompt).toList(),
                reread.stream().map(IfevalPrompt::prompt).toList());
        assertEquals(expected.stream().map(IfevalPrompt::instructionIds).toList(),
                reread.stream().map(IfevalPrompt::instructionIds).toList());
        // the arguments travel too: every sampled prompt judges GPT-4's answer as the dataset's own row does
        Responses responses = verify.responses(ExampleData.ifeval("responses_gpt4.jsonl"));
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(verify.judge(expected.get(i), responses.of(expected.get(i))).loose().followed(),
                    verify.judge(reread.get(i), responses.of(reread.get(i))).loose().followed(), expected.get(i).key());
        }
        assertEquals(sample.rows(), verify.sample(dataset, 25, 7).rows(), "the same arguments draw the same rows");
        assertEquals(541, verify.sample(dataset, 0, 7).prompts(), "a limit of 0 takes every prompt");
    }

    @Test
    void ifbenchsStringKeysStayStringsAndIfevalsIntegersStayIntegers() throws Exception {
        Path mixed = Files.writeString(dir.resolve("mixed.jsonl"), """
                {"key": "ifbench-7", "prompt": "Say hi", "instruction_id_list": ["punctuation:no_comma"], "kwargs": [{}]}
                {"key": 12, "prompt": "Say bye", "instruction_id_list": ["length_constraints:number_words"], "kwargs": [{"num_words": 3, "relation": "less than"}]}
                """);

        Verification.Sample sample = verify.sample(mixed, 0, 1);

        assertTrue(sample.rows().startsWith("{\"key\":\"ifbench-7\","), sample.rows());
        assertTrue(sample.rows().contains("\n{\"key\":12,"), sample.rows());
        assertTrue(sample.rows().contains("\"num_words\":3"), sample.rows());
        List<IfevalPrompt> reread = verify.prompts(Files.writeString(dir.resolve("sample.jsonl"), sample.rows()));
        assertEquals(List.of(Harness.IFBENCH, Harness.IFEVAL), reread.stream().map(IfevalPrompt::harness).toList());
    }

    @Test
    void oneOutputJudgedOnTheCallingThreadAgreesWithTheEvaluationOfItems() {
        List<IfevalPrompt> prompts = verify.prompts(ExampleData.ifeval("input_data.jsonl")).subList(0, 60);
        Responses responses = verify.responses(ExampleData.ifeval("responses_gpt4.jsonl"));

        VerifyResult items = verify.items(prompts, responses);

        for (int i = 0; i < prompts.size(); i++) {
            var one = verify.judge(prompts.get(i), responses.of(prompts.get(i)));
            assertEquals(items.judged().get(i).strict().followed(), one.strict().followed(), prompts.get(i).key());
            assertEquals(items.judged().get(i).loose().followed(), one.loose().followed(), prompts.get(i).key());
        }
        assertEquals(verify.judge(prompts.getFirst(), "").strict().followed(),
                verify.judge(prompts.getFirst(), null).strict().followed(), "no response is judged as an empty one");
    }
}
