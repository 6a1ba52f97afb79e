package io.trace2train.bench.serve;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The load generator's client, run in a JVM of its own so that the service's CPU and the client's can be read apart:
 * posts batches of items to {@code /v1/verify} from several clients at once and checks every answer (each item's id,
 * unique to its request, back in order: none lost, none duplicated, every item judged). It is measuring equipment, so
 * it costs little: each client is a thread with one keep-alive connection ({@link KeepAliveConnection}, plain blocking
 * sockets), each request's bytes are built once from the items' JSON serialized once, and each answer is checked by a
 * scan of its bytes, not parsed into a tree.
 *
 * <p>Arguments: {@code URL ITEMS_FILE BATCH CLIENTS TOTAL WARM}: the items (one JSON object a line) and how many items
 * to post, after {@code WARM} items posted the same way untimed. Prints {@code start} and {@code end} around the timed
 * part (the parent reads its own CPU time at each), then {@code requests refused seconds p50_ns p99_ns cpu_ns}.
 */
public final class LoadClient {

    private final InetSocketAddress address;
    private final String path;
    private final String hostHeader;
    /** Each item's JSON less its closing brace: a request appends an id of its own. */
    private final List<byte[]> items;

    LoadClient(URI uri, List<String> itemLines) {
        if (!"http".equals(uri.getScheme()) || uri.getPort() < 0) {
            throw new IllegalArgumentException("expected http://HOST:PORT/PATH, got " + uri);
        }
        this.address = new InetSocketAddress(uri.getHost(), uri.getPort());
        this.path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        this.hostHeader = uri.getHost() + ":" + uri.getPort();
        this.items = new ArrayList<>(itemLines.size());
        for (String line : itemLines) {
            String json = line.strip();
            if (!json.endsWith("}")) {
                throw new IllegalArgumentException("an item is not a JSON object: " + json.substring(0,
                        Math.min(80, json.length())));
            }
            items.add(json.substring(0, json.length() - 1).getBytes(StandardCharsets.UTF_8));
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            throw new IllegalArgumentException("usage: LoadClient URL ITEMS_FILE BATCH CLIENTS TOTAL WARM");
        }
        LoadClient load = new LoadClient(URI.create(args[0]), Files.readAllLines(Path.of(args[1])).stream()
                .filter(l -> !l.isBlank()).toList());
        int batch = Integer.parseInt(args[2]);
        int clients = Integer.parseInt(args[3]);
        load.run(batch, clients, Integer.parseInt(args[5]), new AtomicInteger());
        System.out.println("start");
        System.out.flush();
        long cpu = cpuNanos();
        long started = System.nanoTime();
        AtomicInteger refused = new AtomicInteger();
        long[] latencies = load.run(batch, clients, Integer.parseInt(args[4]), refused);
        double seconds = (System.nanoTime() - started) / 1e9;
        cpu = cpuNanos() - cpu;
        System.out.println("end");
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        System.out.println(String.format(Locale.ROOT, "%d %d %.6f %d %d %d", latencies.length, refused.get(),
                seconds, sorted[(int) Math.ceil(sorted.length * 0.50) - 1], sorted[(int) Math.ceil(sorted.length
                        * 0.99) - 1], cpu));
        System.out.flush();
    }

    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * Posts {@code total} items (at least one request per client), each client a thread with a keep-alive connection
     * of its own; each request's latency in nanoseconds.
     */
    long[] run(int batch, int clients, int total, AtomicInteger refused) throws Exception {
        int requests = Math.max(clients, (total + batch - 1) / batch);
        AtomicInteger next = new AtomicInteger();
        long[] latencies = new long[requests];
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                done.add(pool.submit(() -> {
                    try (KeepAliveConnection connection = new KeepAliveConnection(address)) {
                        for (int r = next.getAndIncrement(); r < requests; r = next.getAndIncrement()) {
                            latencies[r] = post(connection, r, batch, refused);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        return latencies;
    }

    /** Request {@code r}'s body: {@code batch} items, item {@code i} with the id {@code "r-i"}. */
    byte[] body(int r, int batch) {
        byte[][] ids = new byte[batch][];
        int length = "{\"items\":[]}".length() + Math.max(0, batch - 1);
        for (int i = 0; i < batch; i++) {
            ids[i] = (",\"id\":\"" + r + "-" + i + "\"}").getBytes(StandardCharsets.UTF_8);
            length += items.get((r * batch + i) % items.size()).length + ids[i].length;
        }
        ByteBuffer body = ByteBuffer.allocate(length).put(OPEN);
        for (int i = 0; i < batch; i++) {
            if (i > 0) {
                body.put((byte) ',');
            }
            body.put(items.get((r * batch + i) % items.size())).put(ids[i]);
        }
        return body.put((byte) ']').put((byte) '}').array();
    }

    private static final byte[] OPEN = "{\"items\":[".getBytes(StandardCharsets.UTF_8);

    /**
     * Posts request {@code r} until it is answered (a 429 is retried after its Retry-After, and counted); its
     * latency.
     */
    private long post(KeepAliveConnection connection, int r, int batch, AtomicInteger refused) throws Exception {
        byte[] request = KeepAliveConnection.post(path, hostHeader, body(r, batch));
        while (true) {
            long start = System.nanoTime();
            KeepAliveConnection.Response response = connection.exchange(request);
            long latency = System.nanoTime() - start;
            if (response.status() == 429) {
                refused.incrementAndGet();
                Thread.sleep(Long.parseLong(response.retryAfter() == null ? "1" : response.retryAfter()) * 1000);
                continue;
            }
            if (response.status() != 200) {
                throw new IllegalStateException("request " + r + " answered " + response.status() + ": "
                        + new String(response.body(), StandardCharsets.UTF_8));
            }
            checkAnswers(response.body(), r, batch);
            return latency;
        }
    }

    private static final byte[] ANSWER = "{\"index\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ID = ",\"id\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] FAILURE = ",\"failure_kind\"".getBytes(StandardCharsets.UTF_8);

    /**
     * Checks an answer by a scan of its bytes: every item's answer begins {@code {"index":N,"id":ID} (the service
     * writes them first), a constraint's verdict {@code {"index":N,"verifier"}, and a quote inside a string is
     * escaped, so the pattern cannot occur inside one. The items' answers must be 0..batch-1 in order, each with the
     * id {@code "r-N"} and judged (no {@code failure_kind} after the id).
     *
     * @throws IllegalStateException naming the request and the first item lost, duplicated, out of order or not judged
     */
    static void checkAnswers(byte[] body, int r, int batch) {
        int expected = 0;
        for (int at = indexOf(body, ANSWER, 0); at >= 0; at = indexOf(body, ANSWER, at + 1)) {
            int p = at + ANSWER.length;
            int index = 0;
            int digits = 0;
            while (p < body.length && body[p] >= '0' && body[p] <= '9') {
                index = index * 10 + (body[p++] - '0');
                digits++;
            }
            if (digits == 0 || !startsWith(body, p, ID)) {
                continue; // a constraint's verdict
            }
            String id = "\"" + r + "-" + expected + "\"";
            if (index != expected || !startsWith(body, p + 6, id)) {
                throw new IllegalStateException("request " + r + ": answer " + expected + " is "
                        + excerpt(body, at) + ", expected item " + r + "-" + expected);
            }
            if (startsWith(body, p + 6 + id.length(), FAILURE)) {
                throw new IllegalStateException("request " + r + ": item " + r + "-" + expected
                        + " was not judged: " + excerpt(body, at));
            }
            expected++;
        }
        if (expected != batch) {
            throw new IllegalStateException("request " + r + ": " + expected + " answers for " + batch + " items");
        }
    }

    private static String excerpt(byte[] body, int at) {
        return new String(body, at, Math.min(200, body.length - at), StandardCharsets.UTF_8);
    }

    private static boolean startsWith(byte[] body, int at, String text) {
        return startsWith(body, at, text.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean startsWith(byte[] body, int at, byte[] bytes) {
        return at >= 0 && at + bytes.length <= body.length
                && Arrays.equals(body, at, at + bytes.length, bytes, 0, bytes.length);
    }

    private static int indexOf(byte[] body, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= body.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (body[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
