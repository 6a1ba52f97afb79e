package io.trace2train.bench.serve;

import static java.util.Objects.requireNonNull;

import io.trace2train.engine.Engine;
import io.trace2train.serve.RewardService;
import io.trace2train.serve.ServeOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;

/**
 * The product's {@link RewardService} served from Jetty 12 instead of the JDK's server, for {@code bench serve
 * --servers jdk,jetty} only: the same requests give the same bytes, so the two servers' costs can be compared. Jetty
 * as it comes (its default thread pool; TCP_NODELAY on, as the product sets it on the JDK server).
 */
public final class JettyRewardServer implements AutoCloseable {

    private final RewardService service;
    private final Server server;
    private final ServerConnector connector;

    private JettyRewardServer(Engine engine, ServeOptions options) {
        this.service = new RewardService(engine, options);
        this.server = new Server();
        this.connector = new ServerConnector(server);
        connector.setHost(options.host());
        connector.setPort(options.port());
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                serve(request, response, callback);
                return true;
            }
        });
        server.setStopTimeout(options.shutdownGrace().toMillis());
    }

    /** Starts listening. */
    public static JettyRewardServer start(Engine engine, ServeOptions options) throws Exception {
        JettyRewardServer served = new JettyRewardServer(requireNonNull(engine, "engine"),
                requireNonNull(options, "options"));
        served.server.start();
        return served;
    }

    /** The port it listens on (the one picked, for port 0). */
    public int port() {
        return connector.getLocalPort();
    }

    /** Stops taking connections, lets the requests in flight finish (within the grace time), then stops. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty did not stop", e);
        } finally {
            service.close();
        }
    }

    private void serve(Request request, Response response, Callback callback) {
        RewardService.Call call = new RewardService.Call(request.getMethod(), request.getHttpURI().getPath(),
                request.getHttpURI().getQuery(), name -> request.getHeaders().get(name),
                Content.Source.asInputStream(request));
        boolean[] sent = {false};
        service.serve(call, answer -> {
            response.setStatus(answer.status());
            answer.headers().forEach((k, v) -> response.getHeaders().put(k, v));
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, answer.contentType());
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, answer.body().length);
            try (Blocker.Callback written = Blocker.callback()) {
                response.write(true, ByteBuffer.wrap(answer.body()), written);
                written.block();
            }
            sent[0] = true;
        });
        if (sent[0]) {
            callback.succeeded();
        } else {
            callback.failed(new IOException("the client went away before its answer was written"));
        }
    }
}
