package io.trace2train.bench;

import io.trace2train.bench.ifeval.Datasets;
import io.trace2train.engine.Engine;
import io.trace2train.engine.Verification;
import io.trace2train.engine.config.EngineConfig;
import io.trace2train.engine.ifeval.IfevalPrompt;
import io.trace2train.engine.ifeval.Responses;
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
 * JMH: one strict + loose pass over all prompts of IFEval's or IFBench's shipped set, on one thread. Run with
 * {@code ./trace2train bench jmh VerifyJmh} (see README; {@code -p dataset=ifbench} for one set) or any JMH runner.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class VerifyJmh {

    /** The shipped prompts and responses: IFEval's 541 with GPT-4's answers, IFBench's 300 with its 294 samples. */
    @Param({Datasets.IFEVAL, Datasets.IFBENCH})
    public String dataset;

    private Verification verify;
    private List<IfevalPrompt> rows;
    private Responses answers;

    @Setup
    public void setUp() {
        verify = Engine.start(EngineConfig.defaults()).verify();
        rows = verify.prompts(Datasets.resolve(dataset));
        answers = verify.responses(Datasets.shippedResponses(dataset));
    }

    @Benchmark
    public int[] strictAndLoose() {
        return VerifyBenchmark.pass(verify, rows, answers);
    }
}
