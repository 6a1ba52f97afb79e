package io.trace2train.verifiers.ifbench;

import io.trace2train.engine.Engine;
import io.trace2train.engine.config.EngineConfig;
import io.trace2train.engine.ifeval.Harness;
import io.trace2train.engine.ifeval.IfevalEvaluator;
import io.trace2train.engine.ifeval.IfevalPrompt;
import io.trace2train.engine.ifeval.IfevalPromptReader;
import io.trace2train.engine.ifeval.ResponseReader;
import io.trace2train.engine.ifeval.Responses;
import io.trace2train.testing.ExampleData;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * IFBench's {@code evaluation_lib} on the shipped test file and sample responses, through the engine's evaluation
 * (what {@code verify} runs): its readers, IFBench's response lookup for string keys, and its strict and loose
 * judgement. The tests hold no harness rules of their own.
 */
final class ReferenceHarness {

    private final Map<String, IfevalPrompt> byKey = new LinkedHashMap<>();
    private final Responses responses;

    ReferenceHarness() {
        Engine engine = Engine.start(EngineConfig.defaults());
        new IfevalPromptReader(engine.verifiers()).read(ExampleData.ifbench("IFBench_test.jsonl"))
                .forEach(p -> byKey.put(p.key(), p));
        responses = ResponseReader.read(ExampleData.ifbench("sample_output.jsonl"));
    }

    /** The test rows, in file order. */
    List<IfevalPrompt> prompts() {
        return List.copyOf(byKey.values());
    }

    IfevalPrompt row(String key) {
        return byKey.get(key);
    }

    /** The response IFBench's harness finds for a row; null if there is none. */
    String response(IfevalPrompt row) {
        return responses.of(row);
    }

    /** The response filed under {@code promptText} as an IFBench row's prompt; null if there is none. */
    String responseOf(String promptText) {
        return responses.of(new IfevalPrompt("", Harness.IFBENCH, promptText, List.of(), List.of()));
    }

    /** Both verdicts of {@code response} (null: no response). */
    IfevalEvaluator.JudgedPrompt judge(IfevalPrompt row, String response) {
        return IfevalEvaluator.judge(row, response);
    }
}
