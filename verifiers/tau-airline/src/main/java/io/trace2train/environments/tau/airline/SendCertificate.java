package io.trace2train.environments.tau.airline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * {@code send_certificate}: adds {@code certificate_3221322}, then {@code _3221323}, then {@code _3221324} (the first
 * free id) to a user; with all three taken it returns Python's {@code None}.
 */
final class SendCertificate implements AirlineTool {

    private static final List<String> IDS = List.of("certificate_3221322", "certificate_3221323",
            "certificate_3221324");

    @Override
    public String name() {
        return "send_certificate";
    }

    @Override
    public String pythonClass() {
        return "SendCertificate";
    }

    @Override
    public List<String> parameters() {
        return List.of("user_id", "amount");
    }

    @Override
    public String invoke(AirlineState data, Map<String, JsonNode> args) throws PyError {
        JsonNode userId = args.get("user_id");
        JsonNode amount = args.get("amount");
        if (!Records.contains(data, "users", userId)) {
            return "Error: user not found";
        }
        JsonNode user = Records.get(data, "users", userId);
        for (String paymentId : IDS) {
            if (!Py.in(paymentId, Py.item(user, "payment_methods"))) {
                ObjectNode certificate = Py.NODES.objectNode();
                certificate.put("source", "certificate");
                certificate.set("amount", amount);
                certificate.put("id", paymentId);
                JsonNode own = data.writable("users", userId.textValue());
                ((ObjectNode) Py.item(own, "payment_methods")).set(paymentId, certificate);
                return "Certificate " + paymentId + " added to user " + userId.textValue() + " with amount "
                        + PyRepr.str(amount) + ".";
            }
        }
        return null;
    }
}
