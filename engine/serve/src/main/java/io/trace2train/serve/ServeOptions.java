package io.trace2train.serve;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How the reward service listens and what it bounds.
 *
 * @param host the address to bind; loopback unless a bearer token is given
 * @param port the port; 0 picks a free one
 * @param token the bearer token every request but {@code /health} must carry, or null for none (loopback only)
 * @param maxBatch the most items one request may carry (more: 413)
 * @param maxBodyBytes the largest request body (larger: 413)
 * @param itemTimeout how long one item's checks may run before it is answered as {@code timed_out}
 * @param maxConcurrentRequests judging requests served at once (more: 429 with Retry-After)
 * @param workers threads that run the checks (they are pure CPU work)
 * @param shutdownGrace how long a stop waits for the requests in flight to finish
 */
public record ServeOptions(String host, int port, @Nullable String token, int maxBatch, int maxBodyBytes,
        Duration itemTimeout, int maxConcurrentRequests, int workers, Duration shutdownGrace) {

    public static final String LOOPBACK = "127.0.0.1";

    public ServeOptions {
        requireNonNull(host, "host");
        requireNonNull(itemTimeout, "itemTimeout");
        requireNonNull(shutdownGrace, "shutdownGrace");
        positive("maxBatch", maxBatch);
        positive("maxBodyBytes", maxBodyBytes);
        positive("maxConcurrentRequests", maxConcurrentRequests);
        positive("workers", workers);
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        if (itemTimeout.isNegative() || itemTimeout.isZero()) {
            throw new IllegalArgumentException("the item timeout must be positive, got " + itemTimeout);
        }
        if (token != null && token.isBlank()) {
            throw new IllegalArgumentException("the bearer token must not be blank");
        }
        if (token == null && !isLoopback(host)) {
            throw new IllegalArgumentException("refusing to listen on " + host + " without a bearer token: anyone"
                    + " who reaches it could use the service; give --token, or listen on loopback (the default)");
        }
    }

    /** Loopback, port {@code port}, no token, and the default bounds. */
    public static ServeOptions loopback(int port) {
        int cores = Runtime.getRuntime().availableProcessors();
        return new ServeOptions(LOOPBACK, port, null, 4096, 64 << 20, Duration.ofSeconds(30), 4 * cores, cores,
                Duration.ofSeconds(30));
    }

    public ServeOptions withHost(String newHost, @Nullable String newToken) {
        return new ServeOptions(newHost, port, newToken, maxBatch, maxBodyBytes, itemTimeout, maxConcurrentRequests,
                workers, shutdownGrace);
    }

    public ServeOptions withLimits(int newMaxBatch, int newMaxBodyBytes, Duration newItemTimeout,
            int newMaxConcurrentRequests) {
        return new ServeOptions(host, port, token, newMaxBatch, newMaxBodyBytes, newItemTimeout,
                newMaxConcurrentRequests, workers, shutdownGrace);
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
    }

    /** Whether {@code host} names a loopback address (resolving a name: "localhost" is one). */
    static boolean isLoopback(String host) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host " + host, e);
        }
    }
}
