package io.trace2train.backends.langchain4j.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rule that turns model calls into conversations and decides when each is written; times are given, not read. */
class PendingEpisodesTest {

    private static final long QUIET = 1_000;
    private static final long ABANDONED = 10_000;

    private static Exchange call(List<ChatMessage> history, AiMessage answer) {
        return new Exchange(ChatRequest.builder().messages(history).build(),
                ChatResponse.builder().aiMessage(answer).modelName("m").build());
    }

    private static AiMessage toolCall(String id) {
        return AiMessage.from(ToolExecutionRequest.builder().id(id).name("add").arguments("{}").build());
    }

    private static List<ChatMessage> plus(List<ChatMessage> history, ChatMessage... more) {
        List<ChatMessage> all = new ArrayList<>(history);
        all.addAll(List.of(more));
        return all;
    }

    @Test
    void aContinuationReplacesTheConversationItExtends() {
        PendingEpisodes pending = new PendingEpisodes(QUIET, ABANDONED);
        List<ChatMessage> first = List.of(SystemMessage.from("s"), UserMessage.from("q"));
        AiMessage calls = toolCall("c1");
        pending.accept(call(first, calls), 0);
        List<ChatMessage> second = plus(first, calls, ToolExecutionResultMessage.from("c1", "add", "3"));
        pending.accept(call(second, AiMessage.from("three")), 500);
        assertEquals(1, pending.size());
        assertEquals(List.of(), pending.due(1_499), "continued at 500: quiet until 1500");
        List<Episode> due = pending.due(1_500);
        assertEquals(1, due.size());
        assertEquals(plus(second, AiMessage.from("three")), due.getFirst().messages());
        assertTrue(due.getFirst().complete());
        assertEquals(2, due.getFirst().modelCalls());
        assertEquals(0, pending.size());
    }

    @Test
    void aConversationWaitingForToolsIsKeptUntilAbandonedThenMarkedIncomplete() {
        PendingEpisodes pending = new PendingEpisodes(QUIET, ABANDONED);
        pending.accept(call(List.of(UserMessage.from("q")), toolCall("c1")), 0);
        assertEquals(List.of(), pending.due(QUIET * 5), "a slow tool is not an ended conversation");
        assertEquals(ABANDONED - QUIET * 5, pending.nanosUntilNextDue(QUIET * 5));
        List<Episode> due = pending.due(ABANDONED);
        assertEquals(1, due.size());
        assertFalse(due.getFirst().complete());
    }

    @Test
    void equalConversationsRunningAtOnceAreEachKeptAndEachContinued() {
        PendingEpisodes pending = new PendingEpisodes(QUIET, ABANDONED);
        List<ChatMessage> question = List.of(UserMessage.from("same question"));
        AiMessage calls = toolCall("same-id");
        pending.accept(call(question, calls), 0);
        pending.accept(call(question, calls), 0);
        List<ChatMessage> next = plus(question, calls, ToolExecutionResultMessage.from("same-id", "add", "1"));
        pending.accept(call(next, AiMessage.from("one")), 10);
        pending.accept(call(next, AiMessage.from("one")), 10);
        assertEquals(2, pending.size());
        List<Episode> all = pending.drainAll();
        assertEquals(2, all.size());
        assertTrue(all.stream().allMatch(episode -> episode.messages().size() == 4 && episode.complete()));
    }

    @Test
    void aRequestExtendingNothingPendingStartsItsOwnConversation() {
        PendingEpisodes pending = new PendingEpisodes(QUIET, ABANDONED);
        pending.accept(call(List.of(UserMessage.from("a")), AiMessage.from("A")), 0);
        // same start, different answer in history: not a continuation of the pending one
        pending.accept(call(List.of(UserMessage.from("a"), AiMessage.from("B"), UserMessage.from("b")),
                AiMessage.from("C")), 0);
        assertEquals(2, pending.drainAll().size());
    }

    @Test
    void aNewTurnInTheSameHistoryGrowsTheConversationInsteadOfCopyingIt() {
        PendingEpisodes pending = new PendingEpisodes(QUIET, ABANDONED);
        List<ChatMessage> turn1 = List.of(UserMessage.from("hi"));
        pending.accept(call(turn1, AiMessage.from("hello")), 0);
        pending.accept(call(plus(turn1, AiMessage.from("hello"), UserMessage.from("again")), AiMessage.from("yes")),
                QUIET - 1);
        List<Episode> all = pending.drainAll();
        assertEquals(1, all.size());
        assertEquals(4, all.getFirst().messages().size());
    }

    @Test
    void drainAllWritesTheLastConversationEvenIfJustStarted() {
        PendingEpisodes pending = new PendingEpisodes(QUIET, ABANDONED);
        pending.accept(call(List.of(UserMessage.from("q")), AiMessage.from("a")), 0);
        assertEquals(QUIET, pending.nanosUntilNextDue(0));
        assertEquals(1, pending.drainAll().size());
        assertEquals(Long.MAX_VALUE, pending.nanosUntilNextDue(0));
    }
}
