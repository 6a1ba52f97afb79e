package io.trace2train.engine.repair;

import io.trace2train.api.backend.Generation;
import io.trace2train.api.backend.GenerationRequest;
import io.trace2train.api.repair.RepairOutcome;
import io.trace2train.api.repair.RepairRequest;
import io.trace2train.api.repair.RepairStrategy;
import io.trace2train.api.task.ChatMessage;
import java.util.List;
import java.util.Optional;

/** Base of the strategies that ask the model for new text: they differ only in the conversation they send. */
abstract class ModelRepair implements RepairStrategy {

    @Override
    public final boolean handles(String verifierId) {
        return true;
    }

    @Override
    public final Optional<RepairOutcome> repair(RepairRequest request) {
        if (!request.backend().canGenerate()) {
            return Optional.empty();
        }
        List<ChatMessage> sent = conversation(request);
        Generation generation = request.backend().generate(
                new GenerationRequest(request.task().id(), sent, request.settings()));
        return Optional.of(RepairOutcome.generated(sent, generation));
    }

    /** The conversation to send. */
    abstract List<ChatMessage> conversation(RepairRequest request);
}
