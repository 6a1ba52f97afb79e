package io.trace2train.serve;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.trace2train.engine.Engine;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The reward service on the JDK's own server, a virtual thread per exchange (the checks themselves run on
 * {@link ItemJudge}'s bounded pool): a thin adapter from {@link HttpExchange} to {@link RewardService}.
 */
public final class RewardServer implements AutoCloseable {

    /** The JDK server's switch for TCP_NODELAY on the connections it accepts (off unless set). */
    static final String NO_DELAY = "sun.net.httpserver.nodelay";

    static {
        // With Nagle's algorithm on, an answer's last partial segment waits for the client's delayed ACK (40 ms on
        // Linux): one client's batch-64 request took 15 ms to judge and ~60 ms to answer. The JDK server reads the
        // switch once, when its first server starts, so it is set before any.
        if (System.getProperty(NO_DELAY) == null) {
            System.setProperty(NO_DELAY, "true");
        }
    }

    private final ServeOptions options;
    private final RewardService service;
    private final HttpServer server;
    private final ExecutorService exchanges = Executors.newVirtualThreadPerTaskExecutor();

    private RewardServer(Engine engine, ServeOptions options) throws IOException {
        this.options = options;
        this.service = new RewardService(engine, options);
        this.server = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 128);
        server.setExecutor(exchanges);
        // one context: the service routes by path
        server.createContext("/", this::serve);
    }

    /** Starts listening. */
    public static RewardServer start(Engine engine, ServeOptions options) throws IOException {
        RewardServer server = new RewardServer(requireNonNull(engine, "engine"), requireNonNull(options, "options"));
        server.server.start();
        return server;
    }

    /** The port it listens on (the one picked, for port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops taking connections, lets the requests in flight finish (within the grace time), then stops. */
    @Override
    public void close() {
        server.stop((int) Math.max(1, options.shutdownGrace().toSeconds()));
        service.close();
        exchanges.shutdown();
    }

    private void serve(HttpExchange exchange) {
        try (exchange) {
            RewardService.Call call = new RewardService.Call(exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders()::getFirst, exchange.getRequestBody());
            service.serve(call, answer -> {
                answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
                exchange.getResponseHeaders().set("Content-Type", answer.contentType());
                exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1
                        : answer.body().length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer.body());
                }
            });
        }
    }
}
