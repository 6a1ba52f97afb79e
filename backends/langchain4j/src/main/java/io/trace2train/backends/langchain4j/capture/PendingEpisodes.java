package io.trace2train.backends.langchain4j.capture;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.output.TokenUsage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The conversations not yet written, and the rule that decides when one is.
 *
 * <p>LangChain4j 1.11 gives a listener no memory id, so a conversation is known by its history: every request carries
 * the whole conversation so far, and the request that continues a conversation starts with exactly that
 * conversation's messages, its last answer included (then the tool results, or the user's next message). An exchange
 * whose request starts with a pending conversation <em>replaces</em> it (the longest such one); any other starts a new
 * conversation. Prefixes are found through the list hash of each prefix that ends in an answer, computed in one pass,
 * so matching costs one pass over the request however many conversations are pending.
 *
 * <p>When a conversation is written: once it ended in a final answer (no tool calls) and no request continued it for
 * {@code quiet}; once it ended asking for tools and nothing continued it for {@code abandoned} (the tools' results never
 * came: it is written with {@code complete = false}); and everything at {@link #drainAll()}. A conversation is thus
 * written once, whole, unless it is continued after it was written (a user's next turn in the same chat memory more
 * than {@code quiet} later): then the continuation is written as its own, longer episode.
 *
 * <p>Not thread-safe: the recorder's single writer thread owns it. Times are {@link System#nanoTime()} values.
 */
final class PendingEpisodes {

    /** A conversation not yet written; identity equality, as two conversations may hold equal messages. */
    private static final class Pending {
        final List<ChatMessage> messages;
        final int hash;
        final List<ToolSpecification> tools;
        final boolean complete;
        final String model;
        final int calls;
        final long inputTokens;
        final long outputTokens;
        final long touched;

        Pending(List<ChatMessage> messages, int hash, List<ToolSpecification> tools, boolean complete, String model,
                int calls, long inputTokens, long outputTokens, long touched) {
            this.messages = messages;
            this.hash = hash;
            this.tools = tools;
            this.complete = complete;
            this.model = model;
            this.calls = calls;
            this.inputTokens = inputTokens;
            this.outputTokens = outputTokens;
            this.touched = touched;
        }

        Episode episode() {
            return new Episode(messages, tools, complete, model, calls, inputTokens, outputTokens);
        }
    }

    private final long quietNanos;
    private final long abandonedNanos;
    /** Buckets keep identity and order: equal conversations (one prompt run many times) each stay, each O(1) to drop. */
    private final Map<Integer, LinkedHashSet<Pending>> byHash = new HashMap<>();
    /** Both in the order they were last touched, so the head is the next one due. */
    private final LinkedHashSet<Pending> finished = new LinkedHashSet<>();
    private final LinkedHashSet<Pending> waitingForTools = new LinkedHashSet<>();

    PendingEpisodes(long quietNanos, long abandonedNanos) {
        if (quietNanos < 0 || abandonedNanos < 0) {
            throw new IllegalArgumentException("quiet and abandoned periods must not be negative");
        }
        this.quietNanos = quietNanos;
        this.abandonedNanos = abandonedNanos;
    }

    /** Takes one model call seen at {@code now}: it continues the conversation it extends, or starts one. */
    void accept(Exchange exchange, long now) {
        List<ChatMessage> request = exchange.request().messages();
        int hash = 1;
        Pending continued = null;
        for (int i = 0; i < request.size(); i++) {
            ChatMessage message = request.get(i);
            hash = 31 * hash + Objects.hashCode(message);
            if (message instanceof AiMessage) {
                Pending match = find(hash, request.subList(0, i + 1));
                if (match != null) {
                    continued = match;
                }
            }
        }
        AiMessage answer = exchange.response().aiMessage();
        List<ChatMessage> messages = new ArrayList<>(request.size() + 1);
        messages.addAll(request);
        messages.add(answer);
        TokenUsage usage = exchange.response().tokenUsage();
        long in = usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
        long out = usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount();
        if (continued != null) {
            remove(continued);
            in += continued.inputTokens;
            out += continued.outputTokens;
        }
        List<ToolSpecification> tools = exchange.request().toolSpecifications();
        Pending next = new Pending(List.copyOf(messages), 31 * hash + Objects.hashCode(answer),
                tools == null ? List.of() : tools, !answer.hasToolExecutionRequests(), exchange.response().modelName(),
                continued == null ? 1 : continued.calls + 1, in, out, now);
        byHash.computeIfAbsent(next.hash, h -> new LinkedHashSet<>(2)).add(next);
        (next.complete ? finished : waitingForTools).add(next);
    }

    private Pending find(int hash, List<ChatMessage> prefix) {
        LinkedHashSet<Pending> candidates = byHash.get(hash);
        if (candidates != null) {
            for (Pending candidate : candidates) {
                if (candidate.messages.equals(prefix)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    private void remove(Pending pending) {
        unhash(pending);
        (pending.complete ? finished : waitingForTools).remove(pending);
    }

    private void unhash(Pending pending) {
        LinkedHashSet<Pending> bucket = byHash.get(pending.hash);
        bucket.remove(pending);
        if (bucket.isEmpty()) {
            byHash.remove(pending.hash);
        }
    }

    /** The conversations due at {@code now}, removed, oldest first. */
    List<Episode> due(long now) {
        List<Episode> due = new ArrayList<>();
        take(finished, quietNanos, now, false, due);
        take(waitingForTools, abandonedNanos, now, false, due);
        return due;
    }

    private void take(LinkedHashSet<Pending> order, long delay, long now, boolean all, List<Episode> into) {
        for (Iterator<Pending> it = order.iterator(); it.hasNext(); ) {
            Pending head = it.next();
            if (!all && now - head.touched < delay) {
                return;
            }
            it.remove();
            unhash(head);
            into.add(head.episode());
        }
    }

    /** Nanoseconds from {@code now} until the next conversation is due ({@code Long.MAX_VALUE} when none is pending). */
    long nanosUntilNextDue(long now) {
        long next = Long.MAX_VALUE;
        if (!finished.isEmpty()) {
            next = Math.min(next, Math.max(0, finished.getFirst().touched + quietNanos - now));
        }
        if (!waitingForTools.isEmpty()) {
            next = Math.min(next, Math.max(0, waitingForTools.getFirst().touched + abandonedNanos - now));
        }
        return next;
    }

    /** Every pending conversation, removed: those still waiting for tools are marked incomplete. */
    List<Episode> drainAll() {
        List<Episode> all = new ArrayList<>();
        take(finished, 0, 0, true, all);
        take(waitingForTools, 0, 0, true, all);
        return all;
    }

    int size() {
        return finished.size() + waitingForTools.size();
    }
}
