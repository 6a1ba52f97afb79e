package io.trace2train.bench.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trace2train.api.reward.RewardFunction;
import io.trace2train.engine.Engine;
import io.trace2train.engine.Scoring;
import io.trace2train.engine.Verification;
import io.trace2train.engine.ifeval.IfevalPrompt;
import io.trace2train.engine.ifeval.Responses;
import io.trace2train.serve.RewardServer;
import io.trace2train.serve.ServeOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A load generator for the reward service on loopback: batches of IFEval items (the shipped prompts with GPT-4's
 * answers) posted at several concurrency levels; throughput, latency percentiles, and the rate against judging the
 * same items in process ({@link Scoring} on as many threads as the service's workers). The clients ({@link
 * LoadClient}) run in a child JVM, so that two costs are read apart on a machine they share: the raw ratio (service
 * items/s over in-process items/s) and the CPU ratio (this process's CPU time per item judging in process, over its
 * CPU time per item serving: parsing, judging, answering, the HTTP server, its GC and JIT included). Every answer is
 * checked (none lost, none duplicated, each judged), and every request answered 200 or refused with 429 (retried).
 */
public final class ServeLoad {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The servers {@code bench serve --servers} can put the service on. */
    public static final List<String> SERVERS = List.of("jdk", "jetty");

    /** One configuration's figures on one server; CPU in nanoseconds per item. */
    public record Figures(String server, int batch, int concurrency, int requests, long items, double seconds, double p50Ms,
            double p99Ms, int refused, double serverCpuPerItem, double clientCpuPerItem) {

        public double itemsPerSecond() {
            return items / seconds;
        }
    }

    /** The whole run: each configuration, and the in-process rate and CPU per item. */
    public record Report(List<Figures> figures, double inProcessItemsPerSecond, double inProcessCpuPerItem,
            int workers, int items) {

        /** A Markdown table, ready for the README. */
        public String describe() {
            StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                    "in process: %,.0f items/s, %.1f us CPU per item (Scoring on %d threads); load average %.1f"
                            + " on %d cores; every path warmed until its CPU per item settled, CPU read over the"
                            + " timed part only%n%n", inProcessItemsPerSecond, inProcessCpuPerItem / 1e3, workers,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    Runtime.getRuntime().availableProcessors()));
            out.append("| server | batch | clients | requests | items/s | p50 ms | p99 ms | 429s (retried) | vs in-process"
                    + " (raw) | service CPU us/item | vs in-process CPU | client CPU us/item |\n");
            out.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
            for (Figures f : figures) {
                out.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %,.0f | %.1f | %.1f | %d | %.0f%% |"
                        + " %.1f | %.0f%% | %.1f |%n", f.server(), f.batch(), f.concurrency(), f.requests(), f.itemsPerSecond(),
                        f.p50Ms(), f.p99Ms(), f.refused(), 100 * f.itemsPerSecond() / inProcessItemsPerSecond,
                        f.serverCpuPerItem() / 1e3, 100 * inProcessCpuPerItem / f.serverCpuPerItem(),
                        f.clientCpuPerItem() / 1e3));
            }
            // each configuration's servers ran one after the other: their ratio is the comparison the load spares
            String reference = figures.getFirst().server();
            for (Figures f : figures) {
                if (!f.server().equals(reference)) {
                    Figures first = figures.stream().filter(g -> g.server().equals(reference)
                            && g.batch() == f.batch() && g.concurrency() == f.concurrency()).findFirst().orElseThrow();
                    out.append(String.format(Locale.ROOT, "%nbatch %d, clients %d: %s/%s items/s %.2f, service CPU"
                            + " per item %.2f", f.batch(), f.concurrency(), f.server(), first.server(),
                            f.itemsPerSecond() / first.itemsPerSecond(), f.serverCpuPerItem()
                                    / first.serverCpuPerItem()));
                }
            }
            return out.append('\n').toString();
        }
    }

    private final List<ObjectNode> items;
    private final Path itemsFile;

    private ServeLoad(List<ObjectNode> items, Path itemsFile) {
        this.items = items;
        this.itemsFile = itemsFile;
    }

    /**
     * Runs every batch size at every concurrency, {@code itemsPerConfiguration} items each (at least one request per
     * client), on each of {@code servers} ({@link #SERVERS}) in turn within each configuration.
     */
    public static Report run(Engine engine, Path promptsFile, Path responsesFile, int[] batches, int[] concurrencies,
            int itemsPerConfiguration, List<String> servers) throws Exception {
        if (servers.isEmpty() || !SERVERS.containsAll(servers)) {
            throw new IllegalArgumentException("--servers: " + servers + "; known: " + SERVERS);
        }
        Verification verify = engine.verify();
        List<IfevalPrompt> prompts = verify.prompts(promptsFile);
        Responses responses = verify.responses(responsesFile);
        List<String> rows = Files.readAllLines(promptsFile).stream().filter(l -> !l.isBlank()).toList();
        List<ObjectNode> items = new ArrayList<>();
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < prompts.size(); i++) {
            ObjectNode item = (ObjectNode) JSON.readTree(rows.get(i));
            String response = responses.of(prompts.get(i));
            item.put("completion", response == null ? "" : response);
            items.add(item);
            lines.append(JSON.writeValueAsString(item)).append('\n');
        }
        Path itemsFile = Files.createTempFile("t2t-serve-load", ".jsonl");
        try {
            Files.writeString(itemsFile, lines);
            return new ServeLoad(items, itemsFile).measure(engine, batches, concurrencies, itemsPerConfiguration,
                    servers);
        } finally {
            Files.deleteIfExists(itemsFile);
        }
    }

    private Report measure(Engine engine, int[] batches, int[] concurrencies, int itemsPerConfiguration,
            List<String> servers) throws Exception {
        ServeOptions options = ServeOptions.loopback(0);
        RewardFunction reward = engine.rewards().get("constraint_share");
        // a warm-up round: half a timed configuration, every item at least 8 times (a short run, a test, less)
        int round = Math.max(itemsPerConfiguration / 2, Math.min(items.size() * 8, itemsPerConfiguration * 4));
        // warmed like a JMH benchmark before anything is timed: the JIT still compiles the checks' paths long after
        // they first run (its compiler threads' CPU is this process's), so untimed rounds are run until a round's CPU
        // per item is within WARM_TOLERANCE of the one before (at most WARM_ROUNDS), in process and on each server
        warmUp("in process", () -> inProcess(engine.scoring(), reward, options.workers(), round)[1]);
        List<Figures> figures = new ArrayList<>();
        double[] inProcess;
        try (RewardServer jdk = servers.contains("jdk") ? RewardServer.start(engine, options) : null;
                JettyRewardServer jetty = servers.contains("jetty") ? JettyRewardServer.start(engine, options)
                        : null) {
            List<URI> uris = servers.stream().map(server -> URI.create("http://127.0.0.1:"
                    + (server.equals("jdk") ? jdk.port() : jetty.port()) + "/v1/verify")).toList();
            for (int i = 0; i < uris.size(); i++) {
                URI uri = uris.get(i);
                warmUp(servers.get(i), () -> configuration("warm-up", uri, 64, 2, round).serverCpuPerItem());
            }
            // the in-process rate timed after every warm-up, as warm as the service's
            inProcess = inProcess(engine.scoring(), reward, options.workers(), itemsPerConfiguration);
            int configurations = 0;
            for (int batch : batches) {
                for (int concurrency : concurrencies) {
                    // the servers back to back in each configuration, so a change of load falls on both alike, in
                    // the given order and then reversed, so that neither is always the first one timed
                    boolean reversed = configurations++ % 2 == 1;
                    for (int k = 0; k < uris.size(); k++) {
                        int i = reversed ? uris.size() - 1 - k : k;
                        figures.add(configuration(servers.get(i), uris.get(i), batch, concurrency,
                                itemsPerConfiguration));
                    }
                }
            }
        }
        // timed again after the service's configurations: the better of the two
        double[] again = inProcess(engine.scoring(), reward, options.workers(), itemsPerConfiguration);
        return new Report(figures, Math.max(inProcess[0], again[0]), Math.min(inProcess[1], again[1]),
                options.workers(), itemsPerConfiguration);
    }

    /** Untimed rounds until one's CPU per item is this close to the one before's. */
    static final double WARM_TOLERANCE = 0.10;
    /** Untimed rounds at least, per path warmed: the first rounds' figures swing with the compiler's queue. */
    static final int MIN_WARM_ROUNDS = 3;
    /** Untimed rounds at most, per path warmed. */
    static final int WARM_ROUNDS = 8;

    /** A round of untimed work; its CPU nanoseconds per item. */
    @FunctionalInterface
    interface Round {
        double cpuPerItem() throws Exception;
    }

    /**
     * Runs {@code round} at least {@link #MIN_WARM_ROUNDS} times and until its CPU per item settles (within {@link
     * #WARM_TOLERANCE} of the round before) or
     * {@link #WARM_ROUNDS} have run; each round's figure goes to standard error, so the warm-up can be read.
     */
    static void warmUp(String what, Round round) throws Exception {
        StringBuilder rounds = new StringBuilder();
        double before = Double.NaN;
        for (int i = 0; i < WARM_ROUNDS; i++) {
            double cpu = round.cpuPerItem();
            rounds.append(String.format(Locale.ROOT, " %.1f", cpu / 1e3));
            if (i + 1 >= MIN_WARM_ROUNDS && Math.abs(cpu - before) <= WARM_TOLERANCE * before) {
                break;
            }
            before = cpu;
        }
        System.err.println("warm-up, " + what + ": CPU us per item by round:" + rounds);
    }

    /**
     * Judging {@code total} items on {@code threads} threads, in process: items per second, and this process's CPU
     * nanoseconds per item.
     */
    private double[] inProcess(Scoring scoring, RewardFunction reward, int threads, int total) throws Exception {
        AtomicInteger next = new AtomicInteger();
        long cpu = LoadClient.cpuNanos();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                pool.execute(() -> {
                    for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                        ObjectNode item = items.get(i % items.size()).deepCopy();
                        String completion = item.remove("completion").textValue();
                        scoring.score(item, completion, reward);
                    }
                });
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new double[] {total / seconds, (LoadClient.cpuNanos() - cpu) / (double) total};
    }

    /**
     * One configuration: a child JVM posts the items (after a warm-up of its own), and this process's CPU time is read
     * when it says it starts and ends its timed part.
     */
    private Figures configuration(String server, URI uri, int batch, int concurrency, int total)
            throws Exception {
        int warm = Math.max(batch * concurrency, Math.min(total, 2048));
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"),
                "bin", "java").toString());
        // the client is measuring equipment, kept cheap: the serial collector (no concurrent GC threads), and the
        // quick compiler alone (its loops are copies and byte scans; the optimizing compiler kept compiling through
        // the timed part, a third of the client's CPU)
        Process child = new ProcessBuilder(java, "-Xshare:auto", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"),
                LoadClient.class.getName(), uri.toString(), itemsFile.toString(), Integer.toString(batch),
                Integer.toString(concurrency), Integer.toString(total), Integer.toString(warm))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        long cpuStart = -1;
        long cpuEnd = -1;
        String figures = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                switch (line) {
                    case "start" -> cpuStart = LoadClient.cpuNanos();
                    case "end" -> cpuEnd = LoadClient.cpuNanos();
                    default -> figures = line;
                }
            }
        }
        int exit = child.waitFor();
        if (exit != 0 || figures == null || cpuStart < 0 || cpuEnd < 0) {
            throw new IllegalStateException("the load client (batch " + batch + ", " + concurrency + " clients) exited "
                    + exit + " (its errors are above)");
        }
        String[] f = figures.split(" ");
        int requests = Integer.parseInt(f[0]);
        long posted = (long) requests * batch;
        return new Figures(server, batch, concurrency, requests, posted, Double.parseDouble(f[2]), Long.parseLong(f[3]) / 1e6,
                Long.parseLong(f[4]) / 1e6, Integer.parseInt(f[1]), (cpuEnd - cpuStart) / (double) posted,
                Long.parseLong(f[5]) / (double) posted);
    }
}
