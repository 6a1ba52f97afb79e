package io.trace2train.engine.agent;

import io.trace2train.api.task.ChatMessage;
import io.trace2train.api.task.Role;
import io.trace2train.api.task.UserSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The conversation a simulated user sees, as τ-bench builds it: its instruction as the system message, and the
 * episode with the roles turned round (the agent's answers to the user are the simulator's user turns, the user's
 * turns are its own), tool traffic left out.
 */
final class UserSimulator {

    /** τ-bench's opening line of the agent, where the episode starts with the user's turn. */
    static final String AGENT_OPENING = "Hi! How can I help you today?";

    private UserSimulator() {
    }

    static String system(String instruction) {
        return "You are a user interacting with an agent.\n\nInstruction: " + instruction + "\n\nRules:\n"
                + "- Just generate one line at a time to simulate the user's message.\n"
                + "- Do not give away all the instruction at once. Only provide the information that is necessary for"
                + " the current step.\n"
                + "- Do not hallucinate information that is not provided in the instruction. For example, if the"
                + " agent asks for the order id but it is not mentioned in the instruction, do not make up an order"
                + " id, just say you do not remember or have it.\n"
                + "- If the instruction goal is satisfied, generate '" + UserSpec.STOP + "' as a standalone message"
                + " without anything else to end the conversation.\n"
                + "- Do not repeat the exact instruction in the conversation. Instead, use your own words to convey"
                + " the same information.\n"
                + "- Try to make the conversation as natural as possible, and stick to the personalities in the"
                + " instruction.";
    }

    /** The simulator's conversation for its next turn. */
    static List<ChatMessage> conversation(String instruction, List<ChatMessage> episode) {
        List<ChatMessage> turned = new ArrayList<>();
        turned.add(ChatMessage.system(system(instruction)));
        for (ChatMessage message : episode) {
            if (message.role() == Role.USER) {
                if (turned.size() == 1) {
                    turned.add(ChatMessage.user(AGENT_OPENING));
                }
                turned.add(ChatMessage.assistant(message.content()));
            } else if (message.role() == Role.ASSISTANT && !message.callsTools()) {
                turned.add(ChatMessage.user(message.content()));
            }
        }
        return turned;
    }

    /** Whether the simulator's message ends the conversation. */
    static boolean stops(String message) {
        return message.contains(UserSpec.STOP);
    }
}
