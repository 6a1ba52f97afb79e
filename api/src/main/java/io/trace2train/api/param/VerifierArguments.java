package io.trace2train.api.param;

import io.trace2train.api.verify.Relation;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Arguments of one verifier, checked against its declared {@link ParameterSpec}s and converted to their types.
 * A key whose value is JSON null counts as absent (the Hugging Face copy of IFEval lists every key of every
 * instruction, most of them null).
 */
public final class VerifierArguments {

    private final String instructionId;
    private final Map<String, Object> values;

    private VerifierArguments(String instructionId, Map<String, Object> values) {
        this.instructionId = instructionId;
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * Checks raw JSON-shaped values (String, Number, List, null) against the specs. Collects every problem: an
     * unknown key, a missing required one, a value of the wrong type, a relation that is not one of the two
     * spellings.
     *
     * @throws InvalidArgumentsException naming the instruction id and each wrong field
     */
    public static VerifierArguments bind(String instructionId, List<ParameterSpec> specs, Map<String, ?> raw) {
        Map<String, ParameterSpec> byName = new LinkedHashMap<>();
        specs.forEach(spec -> byName.put(spec.name(), spec));
        List<InvalidArgumentsException.Problem> problems = new ArrayList<>();
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, ?> given = raw == null ? Map.of() : raw;
        for (Map.Entry<String, ?> entry : given.entrySet()) {
            ParameterSpec spec = byName.get(entry.getKey());
            if (spec == null) {
                if (entry.getValue() != null) {
                    problems.add(new InvalidArgumentsException.Problem(instructionId, entry.getKey(),
                            "unknown argument; this verifier takes " + describe(specs)));
                }
                continue;
            }
            if (entry.getValue() == null) {
                continue;
            }
            convert(spec, entry.getValue()).ifPresentOrElse(
                    value -> values.put(spec.name(), value),
                    () -> problems.add(new InvalidArgumentsException.Problem(instructionId, spec.name(),
                            "expected " + spec.type().expected() + " but got " + show(entry.getValue()))));
        }
        for (ParameterSpec spec : specs) {
            if (spec.required() && given.get(spec.name()) == null) {
                problems.add(new InvalidArgumentsException.Problem(instructionId, spec.name(),
                        "missing; expected " + spec.type().expected() + " (" + spec.description() + ")"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidArgumentsException(problems);
        }
        return new VerifierArguments(instructionId, values);
    }

    private static Optional<Object> convert(ParameterSpec spec, Object value) {
        return switch (spec.type()) {
            case STRING -> value instanceof String s ? Optional.of(s) : Optional.empty();
            case INTEGER -> integer(value).map(Object.class::cast);
            case RELATION -> value instanceof String s ? Relation.parse(s).map(Object.class::cast) : Optional.empty();
            case STRING_LIST -> {
                if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
                    yield Optional.empty();
                }
                yield Optional.of(list.stream().map(String.class::cast).toList());
            }
            case BOOLEAN -> value instanceof Boolean b ? Optional.of(b) : Optional.empty();
            case OBJECT_LIST -> {
                if (!(value instanceof List<?> list) || !list.stream().allMatch(VerifierArguments::isObject)) {
                    yield Optional.empty();
                }
                yield Optional.of(Collections.unmodifiableList(new ArrayList<>(list)));
            }
        };
    }

    /** A JSON object as Jackson hands it over: a map with string keys. */
    private static boolean isObject(Object value) {
        return value instanceof Map<?, ?> map && map.keySet().stream().allMatch(String.class::isInstance);
    }

    /** Integral numbers only; 300.0 is accepted as 300 (some exports store counts as floats), 2.5 is not. */
    private static Optional<Long> integer(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return Optional.of(((Number) value).longValue());
        }
        if (value instanceof BigInteger big && big.bitLength() < 64) {
            return Optional.of(big.longValue());
        }
        if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            BigDecimal decimal = new BigDecimal(value.toString());
            try {
                return Optional.of(decimal.longValueExact());
            } catch (ArithmeticException notIntegral) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static String show(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : value + " (" + value.getClass().getSimpleName() + ")";
    }

    private static String describe(List<ParameterSpec> specs) {
        if (specs.isEmpty()) {
            return "no arguments";
        }
        return specs.stream().map(ParameterSpec::name).toList().toString();
    }

    public String instructionId() {
        return instructionId;
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public String string(String name) {
        return (String) require(name);
    }

    public long integer(String name) {
        return (Long) require(name);
    }

    public Relation relation(String name) {
        return (Relation) require(name);
    }

    @SuppressWarnings("unchecked")
    public List<String> stringList(String name) {
        return (List<String>) require(name);
    }

    public boolean bool(String name) {
        return (Boolean) require(name);
    }

    /** The objects of an {@link ParameterType#OBJECT_LIST} argument, JSON-shaped (maps, lists, strings, numbers). */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> objectList(String name) {
        return (List<Map<String, Object>>) require(name);
    }

    public Optional<Boolean> optionalBool(String name) {
        return Optional.ofNullable((Boolean) values.get(name));
    }

    public Optional<String> optionalString(String name) {
        return Optional.ofNullable((String) values.get(name));
    }

    private Object require(String name) {
        Object value = values.get(name);
        if (value == null) {
            throw new InvalidArgumentsException(instructionId, name, "missing");
        }
        return value;
    }

    /** A problem with a value of the right type (an empty phrase, a negative count), for factories to throw. */
    public InvalidArgumentsException invalid(String name, String message) {
        return new InvalidArgumentsException(instructionId, name, message);
    }

    @Override
    public String toString() {
        return instructionId + values;
    }
}
