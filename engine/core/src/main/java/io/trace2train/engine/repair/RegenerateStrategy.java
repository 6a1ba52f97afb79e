package io.trace2train.engine.repair;

import io.trace2train.api.repair.RepairKind;
import io.trace2train.api.repair.RepairRequest;
import io.trace2train.api.task.ChatMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * The model rewrites its previous output: the original conversation, its answer, and feedback naming every failed
 * constraint with its hint and the constraints it already meets.
 */
public final class RegenerateStrategy extends ModelRepair {

    @Override
    public String name() {
        return "regenerate";
    }

    @Override
    public RepairKind kind() {
        return RepairKind.REGENERATE;
    }

    @Override
    List<ChatMessage> conversation(RepairRequest request) {
        List<ChatMessage> sent = new ArrayList<>(request.task().messages());
        sent.add(ChatMessage.assistant(request.output()));
        sent.add(FeedbackPrompt.rewrite(request.failing(), request.passing()));
        return sent;
    }
}
