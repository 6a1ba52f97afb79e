package io.trace2train.environments.tau.airline;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * {@code calculate}: {@code str(round(float(eval(expression)), 2))} for expressions of digits, {@code + - * / ( ) .}
 * and spaces; any failure of the evaluation is answered {@code "Error: <message>"} by the tool itself.
 */
final class Calculate implements AirlineTool {

    private static final String ALLOWED = "0123456789+-*/(). ";

    @Override
    public String name() {
        return "calculate";
    }

    @Override
    public String pythonClass() {
        return "Calculate";
    }

    @Override
    public List<String> parameters() {
        return List.of("expression");
    }

    @Override
    public String invoke(AirlineState data, Map<String, JsonNode> args) throws PyError {
        JsonNode expression = args.get("expression");
        for (JsonNode character : Py.iterate(expression)) {
            if (!Py.in(character, Py.text(ALLOWED))) {
                return "Error: invalid characters in expression";
            }
        }
        try {
            if (!expression.isTextual()) {
                throw new PyError("eval() arg 1 must be a string, bytes or code object");
            }
            return PyRepr.floatRepr(PythonArithmetic.roundTo2(PythonArithmetic.evaluate(expression.textValue())));
        } catch (PyError e) {
            return "Error: " + e.getMessage();
        }
    }
}
