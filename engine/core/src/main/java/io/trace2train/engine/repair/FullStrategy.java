package io.trace2train.engine.repair;

import io.trace2train.api.repair.RepairKind;
import io.trace2train.api.repair.RepairRequest;
import io.trace2train.api.task.ChatMessage;
import java.util.ArrayList;
import java.util.List;

/** A fresh generation: the original conversation plus feedback on what the previous answer failed. */
public final class FullStrategy extends ModelRepair {

    @Override
    public String name() {
        return "full";
    }

    @Override
    public RepairKind kind() {
        return RepairKind.FULL;
    }

    @Override
    List<ChatMessage> conversation(RepairRequest request) {
        List<ChatMessage> sent = new ArrayList<>(request.task().messages());
        sent.add(FeedbackPrompt.retry(request.failing()));
        return sent;
    }
}
