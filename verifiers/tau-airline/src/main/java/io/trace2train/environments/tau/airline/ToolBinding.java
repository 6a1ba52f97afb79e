package io.trace2train.environments.tau.airline;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds a call's arguments the way {@code Tool.invoke(data=data, **kwargs)} does in Python 3.11, with its
 * {@code TypeError} texts: not a mapping, {@code data} given twice, an unknown keyword, missing parameters.
 */
final class ToolBinding {

    private ToolBinding() {
    }

    static Map<String, JsonNode> bind(AirlineTool tool, JsonNode kwargs) throws PyError {
        String function = tool.pythonClass() + ".invoke()";
        String qualified = "tau_bench.envs.airline.tools." + tool.name() + "." + function;
        if (!kwargs.isObject()) {
            throw new PyError(qualified + " argument after ** must be a mapping, not " + Py.typeName(kwargs));
        }
        if (kwargs.has("data")) {
            throw new PyError(qualified + " got multiple values for keyword argument 'data'");
        }
        Map<String, JsonNode> bound = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = kwargs.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> argument = it.next();
            if (!tool.parameters().contains(argument.getKey())) {
                throw new PyError(function + " got an unexpected keyword argument '" + argument.getKey() + "'");
            }
            bound.put(argument.getKey(), argument.getValue());
        }
        List<String> missing = new ArrayList<>();
        for (String parameter : tool.parameters()) {
            if (!bound.containsKey(parameter)) {
                missing.add("'" + parameter + "'");
            }
        }
        if (!missing.isEmpty()) {
            throw new PyError(function + " missing " + missing.size() + " required positional argument"
                    + (missing.size() == 1 ? "" : "s") + ": " + names(missing));
        }
        return bound;
    }

    /** {@code 'a'}, {@code 'a' and 'b'}, {@code 'a', 'b', and 'c'}. */
    private static String names(List<String> quoted) {
        if (quoted.size() == 1) {
            return quoted.get(0);
        }
        if (quoted.size() == 2) {
            return quoted.get(0) + " and " + quoted.get(1);
        }
        return String.join(", ", quoted.subList(0, quoted.size() - 1)) + ", and " + quoted.get(quoted.size() - 1);
    }
}
