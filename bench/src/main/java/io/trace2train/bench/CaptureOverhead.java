package io.trace2train.bench;

import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.service.AiServices;
import io.trace2train.backends.langchain4j.capture.EpisodeRecorder;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The episode recorder's cost to the agent's own thread: {@link CaptureJmh}'s agent and zero-latency model, called in
 * alternating rounds with no listener, with a listener that does nothing (LangChain4j's own cost of having one) and
 * with an {@link EpisodeRecorder}, measured in the agent thread's CPU time (what the
 * agent itself spends; the writer runs on its own thread, and on a busy machine wall time mostly measures the other
 * processes). A round is short enough that its calls fit the recorder's queue, and the recorder is flushed between
 * rounds, outside the measurement: this measures the hand-over the agent pays on every call. An agent that produces
 * conversations faster than the writer can write them for longer is paced by the writer instead (nothing is dropped);
 * the writer's rate is printed at the end. Prints the means after the warm-up rounds.
 * Arguments: calls per round (default 1500), rounds (default 60), warm-up rounds (default 20).
 */
public final class CaptureOverhead {

    private CaptureOverhead() {
    }

    public static void main(String[] args) throws IOException {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 1500;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        long writerCpu = 0;
        Path file = Files.createTempFile("capture-overhead", ".jsonl");
        try (EpisodeRecorder recorder = EpisodeRecorder.builder(file).quietPeriod(Duration.ZERO).open()) {
            String[] names = {"none", "no-op", "recorder"};
            CaptureJmh.Assistant[] agents = {agent(List.of()), agent(List.of(new ChatModelListener() {
            })), agent(List.of(recorder))};
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            double[] total = new double[agents.length];
            long question = 0;
            for (int round = 0; round < rounds; round++) {
                for (int which = 0; which < agents.length; which++) {
                    long cpu = threads.getCurrentThreadCpuTime();
                    for (int i = 0; i < calls; i++) {
                        agents[which].answer("What is 1 + 2? (question " + question++ + ")");
                    }
                    double cpuMicros = (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / calls;
                    if (round >= warmup) {
                        total[which] += cpuMicros;
                    }
                }
                recorder.flush();
            }
            int measured = rounds - warmup;
            System.out.printf("agent thread CPU per call, mean of %d rounds: none %.3f us, no-op listener %.3f us,"
                    + " recorder %.3f us; recorder/none %.4f, recorder/no-op %.4f%n", measured, total[0] / measured,
                    total[1] / measured, total[2] / measured, total[2] / total[0], total[2] / total[1]);
            writerCpu = writerCpu(threads);
            System.out.printf("writer thread: %d conversations, %.2f us CPU each (%.0f conversations per CPU second)%n",
                    recorder.written(), writerCpu / 1e3 / recorder.written(), recorder.written() / (writerCpu / 1e9));
        }
        System.out.printf("%d bytes of episodes written%n", Files.size(file));
        Files.delete(file);
    }

    private static long writerCpu(ThreadMXBean threads) {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals("trace2train-episode-writer")) {
                return threads.getThreadCpuTime(thread.threadId());
            }
        }
        throw new IllegalStateException("no episode writer thread");
    }

    private static CaptureJmh.Assistant agent(List<ChatModelListener> listeners) {
        return AiServices.builder(CaptureJmh.Assistant.class).chatModel(new CaptureJmh.ZeroLatencyModel(listeners))
                .tools(new CaptureJmh.Tools()).build();
    }
}
