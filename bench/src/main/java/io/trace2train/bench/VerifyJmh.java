package io.trace2train.bench;

import io.trace2train.engine.Engine;
import io.trace2train.engine.config.EngineConfig;
import io.trace2train.engine.ifeval.IfevalPrompt;
import io.trace2train.engine.ifeval.IfevalPromptReader;
import io.trace2train.engine.ifeval.ResponseReader;
import io.trace2train.engine.ifeval.Responses;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH: one strict + loose pass over all IFEval prompts. Run from the repository root with
 * {@code ./trace2train-jmh VerifyJmh} (see README) or any JMH runner.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class VerifyJmh {

    @Param("examples/ifeval/input_data.jsonl")
    public String prompts;

    @Param("examples/ifeval/responses_gpt4.jsonl")
    public String responses;

    private List<IfevalPrompt> rows;
    private Responses answers;

    @Setup
    public void setUp() {
        Engine engine = Engine.start(EngineConfig.defaults());
        rows = new IfevalPromptReader(engine.verifiers()).read(Path.of(prompts));
        answers = ResponseReader.read(Path.of(responses));
    }

    @Benchmark
    public int[] strictAndLoose() {
        return VerifyBenchmark.pass(rows, answers);
    }
}
