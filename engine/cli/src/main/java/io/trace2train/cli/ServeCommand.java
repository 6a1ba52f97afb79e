package io.trace2train.cli;

import io.trace2train.serve.RewardServer;
import io.trace2train.serve.ServeOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** The reward service: the verifiers over HTTP for online RL, until stopped (SIGTERM finishes the batches in flight). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the verifiers over HTTP as a reward service for online RL: POST /v1/verify,"
                + " POST /openrlhf/reward, GET /health, GET /v1/verifiers, GET /metrics.",
                "Listens on loopback unless --host is given, which needs --token."})
final class ServeCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "8470", paramLabel = "PORT", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--host", defaultValue = ServeOptions.LOOPBACK, paramLabel = "HOST",
            description = "Address to listen on (default: ${DEFAULT-VALUE}); any non-loopback one needs --token.")
    String host;

    @Option(names = "--token", paramLabel = "TOKEN", description = "Bearer token every request but /health must carry"
            + " (Authorization: Bearer TOKEN).")
    String token;

    @Option(names = "--max-batch", defaultValue = "4096", paramLabel = "N", description = "Most items a request may carry (default: ${DEFAULT-VALUE}; more: 413).")
    int maxBatch;

    @Option(names = "--max-body-mb", defaultValue = "64", paramLabel = "MB", description = "Largest request body (default: ${DEFAULT-VALUE}; larger: 413).")
    int maxBodyMb;

    @Option(names = "--item-timeout", defaultValue = "30", paramLabel = "SEC", description = "An item whose checks take longer is answered as timed_out (default: ${DEFAULT-VALUE}).")
    long itemTimeout;

    @Option(names = "--max-concurrent", defaultValue = "0", paramLabel = "N", description = "Requests judged at once; more get 429 with Retry-After (default: 4 per core).")
    int maxConcurrent;

    @Override
    public Integer call() throws IOException, InterruptedException {
        ServeOptions defaults = ServeOptions.loopback(port);
        ServeOptions options;
        try {
            if (maxBodyMb < 1 || maxBodyMb > 2047) {
                throw new IllegalArgumentException("--max-body-mb must be 1..2047, got " + maxBodyMb);
            }
            options = defaults.withHost(host, token).withLimits(maxBatch, maxBodyMb << 20,
                    Duration.ofSeconds(itemTimeout), maxConcurrent == 0 ? defaults.maxConcurrentRequests()
                            : maxConcurrent);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
        RewardServer server = RewardServer.start(main.engine(), options);
        CountDownLatch stopped = new CountDownLatch(1);
        // SIGTERM and Ctrl-C: stop taking connections, finish the batches in flight, then exit
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "serve-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        out.printf("trace2train reward service on http://%s:%d (POST /v1/verify, POST /openrlhf/reward, GET /health,"
                + " GET /v1/verifiers, GET /metrics)%n", host, server.port());
        out.flush();
        stopped.await();
        return Main.OK;
    }
}
