package io.trace2train.environments.tau.airline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The Python operations τ-bench's tools apply to JSON values (subscript, {@code in}, {@code ==}, {@code <},
 * {@code + - *}, {@code len}, iteration), with Python 3.11's semantics and its exception texts. The tools take
 * whatever JSON the agent sent, so a wrong type must fail exactly where and how Python fails.
 */
final class Py {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Longest string or list a repetition may build: Python would build it, we refuse rather than exhaust memory. */
    private static final long MAX_REPEAT = 1 << 24;

    private Py() {
    }

    static String typeName(JsonNode v) {
        if (v.isObject()) {
            return "dict";
        } else if (v.isArray()) {
            return "list";
        } else if (v.isTextual()) {
            return "str";
        } else if (v.isBoolean()) {
            return "bool";
        } else if (v.isIntegralNumber()) {
            return "int";
        } else if (v.isNumber()) {
            return "float";
        }
        return "NoneType";
    }

    static TextNode text(String s) {
        return TextNode.valueOf(s);
    }

    static JsonNode integer(BigInteger i) {
        int bits = i.bitLength();
        return bits < 32 ? IntNode.valueOf(i.intValue()) : bits < 64 ? LongNode.valueOf(i.longValue())
                : BigIntegerNode.valueOf(i);
    }

    static JsonNode integer(long i) {
        return integer(BigInteger.valueOf(i));
    }

    /** {@code container[key]}. */
    static JsonNode item(JsonNode container, String key) throws PyError {
        return item(container, text(key));
    }

    static JsonNode item(JsonNode container, JsonNode key) throws PyError {
        if (container.isObject()) {
            requireHashable(key);
            JsonNode value = key.isTextual() ? container.get(key.textValue()) : null;
            if (value == null) {
                throw PyError.keyError(key);
            }
            return value;
        }
        if (container.isArray() || container.isTextual()) {
            if (!isInt(key)) {
                throw new PyError(container.isArray()
                        ? "list indices must be integers or slices, not " + typeName(key)
                        : "string indices must be integers, not '" + typeName(key) + "'");
            }
            List<JsonNode> elements = iterate(container);
            BigInteger index = intValue(key);
            if (index.signum() < 0) {
                index = index.add(BigInteger.valueOf(elements.size()));
            }
            if (index.signum() < 0 || index.compareTo(BigInteger.valueOf(elements.size())) >= 0) {
                throw new PyError((container.isArray() ? "list" : "string") + " index out of range");
            }
            return elements.get(index.intValue());
        }
        throw new PyError("'" + typeName(container) + "' object is not subscriptable");
    }

    /** {@code key in container}. */
    static boolean in(JsonNode key, JsonNode container) throws PyError {
        if (container.isObject()) {
            requireHashable(key);
            return key.isTextual() && container.has(key.textValue());
        }
        if (container.isTextual()) {
            if (!key.isTextual()) {
                throw new PyError("'in <string>' requires string as left operand, not " + typeName(key));
            }
            return container.textValue().contains(key.textValue());
        }
        if (container.isArray()) {
            for (JsonNode element : container) {
                if (eq(element, key)) {
                    return true;
                }
            }
            return false;
        }
        throw new PyError("argument of type '" + typeName(container) + "' is not iterable");
    }

    static boolean in(String key, JsonNode container) throws PyError {
        return in(text(key), container);
    }

    private static void requireHashable(JsonNode key) throws PyError {
        if (key.isContainerNode()) {
            throw new PyError("unhashable type: '" + typeName(key) + "'");
        }
    }

    static boolean isNumber(JsonNode v) {
        return v.isNumber() || v.isBoolean();
    }

    /** Python {@code int} (a {@code bool} is one). */
    static boolean isInt(JsonNode v) {
        return v.isIntegralNumber() || v.isBoolean();
    }

    private static BigInteger intValue(JsonNode v) {
        return v.isBoolean() ? (v.booleanValue() ? BigInteger.ONE : BigInteger.ZERO) : v.bigIntegerValue();
    }

    /** Python's {@code float(int)}: correctly rounded, OverflowError past the double range. */
    private static double floatValue(JsonNode v) throws PyError {
        if (!isInt(v)) {
            return v.doubleValue();
        }
        double d = intValue(v).doubleValue();
        if (Double.isInfinite(d)) {
            throw new PyError("int too large to convert to float");
        }
        return d;
    }

    static boolean eq(JsonNode a, JsonNode b) {
        if (isNumber(a) && isNumber(b)) {
            return compareNumbers(a, b) == 0;
        }
        if (a.isTextual() && b.isTextual()) {
            return a.textValue().equals(b.textValue());
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!eq(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = a.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode other = b.get(field.getKey());
                if (other == null || !eq(field.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        return a.isNull() && b.isNull();
    }

    static boolean eq(JsonNode a, String b) {
        return a.isTextual() && a.textValue().equals(b);
    }

    /** Exact numeric order, as Python compares int with float; 2 when either is NaN (every comparison false). */
    private static int compareNumbers(JsonNode a, JsonNode b) {
        if (isInt(a) && isInt(b)) {
            return intValue(a).compareTo(intValue(b));
        }
        double da = isInt(a) ? 0 : a.doubleValue();
        double db = isInt(b) ? 0 : b.doubleValue();
        if (Double.isNaN(da) || Double.isNaN(db)) {
            return 2;
        }
        if (Double.isInfinite(da) || Double.isInfinite(db)) {
            double fa = isInt(a) ? 0 : da;
            double fb = isInt(b) ? 0 : db;
            return Double.compare(fa, fb);
        }
        return exact(a).compareTo(exact(b));
    }

    private static BigDecimal exact(JsonNode v) {
        return isInt(v) ? new BigDecimal(intValue(v)) : new BigDecimal(v.doubleValue());
    }

    /** {@code a < b}. */
    static boolean lt(JsonNode a, JsonNode b) throws PyError {
        return order("<", a, b) < 0;
    }

    /** {@code a > b}. */
    static boolean gt(JsonNode a, JsonNode b) throws PyError {
        int c = order(">", a, b);
        return c > 0 && c != 2;
    }

    /** Negative, zero or positive; 2 for unordered (NaN). */
    private static int order(String op, JsonNode a, JsonNode b) throws PyError {
        if (isNumber(a) && isNumber(b)) {
            return compareNumbers(a, b);
        }
        if (a.isTextual() && b.isTextual()) {
            return Integer.signum(PyRepr.compareCodePoints(a.textValue(), b.textValue()));
        }
        if (a.isArray() && b.isArray()) {
            for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
                if (!eq(a.get(i), b.get(i))) {
                    return order(op, a.get(i), b.get(i));
                }
            }
            return Integer.compare(a.size(), b.size());
        }
        throw new PyError("'" + op + "' not supported between instances of '" + typeName(a) + "' and '"
                + typeName(b) + "'");
    }

    /** {@code a + b}; {@code op} is {@code "+"} or {@code "+="} (Python names it in the message). */
    static JsonNode add(JsonNode a, JsonNode b, String op) throws PyError {
        if (isNumber(a) && isNumber(b)) {
            if (isInt(a) && isInt(b)) {
                return integer(intValue(a).add(intValue(b)));
            }
            return DoubleNode.valueOf(floatValue(a) + floatValue(b));
        }
        if (a.isTextual() || a.isArray()) {
            if (a.getNodeType() == b.getNodeType()) {
                if (a.isTextual()) {
                    return text(a.textValue() + b.textValue());
                }
                ArrayNode joined = NODES.arrayNode();
                return joined.addAll((ArrayNode) a).addAll((ArrayNode) b);
            }
            throw new PyError("can only concatenate " + typeName(a) + " (not \"" + typeName(b) + "\") to "
                    + typeName(a));
        }
        throw unsupported(op, a, b);
    }

    static JsonNode sub(JsonNode a, JsonNode b, String op) throws PyError {
        if (isNumber(a) && isNumber(b)) {
            if (isInt(a) && isInt(b)) {
                return integer(intValue(a).subtract(intValue(b)));
            }
            return DoubleNode.valueOf(floatValue(a) - floatValue(b));
        }
        throw unsupported(op, a, b);
    }

    static JsonNode mul(JsonNode a, JsonNode b) throws PyError {
        if (isNumber(a) && isNumber(b)) {
            if (isInt(a) && isInt(b)) {
                return integer(intValue(a).multiply(intValue(b)));
            }
            return DoubleNode.valueOf(floatValue(a) * floatValue(b));
        }
        boolean aSeq = a.isTextual() || a.isArray();
        boolean bSeq = b.isTextual() || b.isArray();
        if (aSeq || bSeq) {
            JsonNode sequence = aSeq ? a : b;
            JsonNode times = aSeq ? b : a;
            if (!isInt(times)) {
                throw new PyError("can't multiply sequence by non-int of type '" + typeName(aSeq && bSeq ? b : times)
                        + "'");
            }
            return repeat(sequence, intValue(times));
        }
        throw unsupported("*", a, b);
    }

    private static JsonNode repeat(JsonNode sequence, BigInteger times) throws PyError {
        long n = times.signum() <= 0 ? 0 : times.min(BigInteger.valueOf(MAX_REPEAT + 1)).longValue();
        if (n * Math.max(1, sequence.isTextual() ? sequence.textValue().length() : sequence.size()) > MAX_REPEAT) {
            throw new PyError(""); // str(MemoryError()): Python would try, we decline before exhausting memory
        }
        if (sequence.isTextual()) {
            return text(sequence.textValue().repeat((int) n));
        }
        ArrayNode out = NODES.arrayNode();
        for (long i = 0; i < n; i++) {
            out.addAll((ArrayNode) sequence);
        }
        return out;
    }

    static JsonNode neg(JsonNode a) throws PyError {
        if (isInt(a)) {
            return integer(intValue(a).negate());
        }
        if (a.isNumber()) {
            return DoubleNode.valueOf(-a.doubleValue());
        }
        throw new PyError("bad operand type for unary -: '" + typeName(a) + "'");
    }

    private static PyError unsupported(String op, JsonNode a, JsonNode b) {
        return new PyError("unsupported operand type(s) for " + op + ": '" + typeName(a) + "' and '" + typeName(b)
                + "'");
    }

    /** {@code sum(values)}: starts from the int 0 and adds with {@code +}. */
    static JsonNode sum(List<JsonNode> values) throws PyError {
        JsonNode total = IntNode.valueOf(0);
        for (JsonNode value : values) {
            total = add(total, value, "+");
        }
        return total;
    }

    /** {@code max(a, b)}: the first unless the second is greater. */
    static JsonNode max(JsonNode a, JsonNode b) throws PyError {
        return gt(b, a) ? b : a;
    }

    static int len(JsonNode v) throws PyError {
        if (v.isContainerNode()) {
            return v.size();
        }
        if (v.isTextual()) {
            return v.textValue().codePointCount(0, v.textValue().length());
        }
        throw new PyError("object of type '" + typeName(v) + "' has no len()");
    }

    /** {@code for x in v}: a list's elements, a dict's keys, a string's characters. */
    static List<JsonNode> iterate(JsonNode v) throws PyError {
        List<JsonNode> out = new ArrayList<>();
        if (v.isArray()) {
            v.forEach(out::add);
        } else if (v.isObject()) {
            v.fieldNames().forEachRemaining(name -> out.add(text(name)));
        } else if (v.isTextual()) {
            v.textValue().codePoints().forEach(c -> out.add(text(Character.toString(c))));
        } else {
            throw new PyError("'" + typeName(v) + "' object is not iterable");
        }
        return out;
    }

    /** Python truthiness, for {@code if value}. */
    static boolean truthy(JsonNode v) {
        if (v.isContainerNode()) {
            return v.size() > 0;
        }
        if (v.isTextual()) {
            return !v.textValue().isEmpty();
        }
        if (isInt(v)) {
            return intValue(v).signum() != 0;
        }
        if (v.isNumber()) {
            return v.doubleValue() != 0;
        }
        return false;
    }
}
