package io.trace2train.environments.tau.airline;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/** Python's {@code int(value)} for the values JSON has, with its errors. */
final class PyInt {

    private PyInt() {
    }

    static BigInteger parse(JsonNode value) throws PyError {
        if (value.isBoolean()) {
            return value.booleanValue() ? BigInteger.ONE : BigInteger.ZERO;
        }
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue();
        }
        if (value.isNumber()) {
            double d = value.doubleValue();
            if (Double.isNaN(d)) {
                throw new PyError("cannot convert float NaN to integer");
            }
            if (Double.isInfinite(d)) {
                throw new PyError("cannot convert float infinity to integer");
            }
            return new BigDecimal(d).setScale(0, RoundingMode.DOWN).toBigIntegerExact();
        }
        if (value.isTextual()) {
            return parse(value.textValue());
        }
        throw new PyError("int() argument must be a string, a bytes-like object or a real number, not '"
                + Py.typeName(value) + "'");
    }

    /** {@code int(s)}: surrounding whitespace, a sign, decimal digits (any script) with single underscores between. */
    static BigInteger parse(String s) throws PyError {
        String body = s.strip();
        boolean negative = false;
        if (!body.isEmpty() && (body.charAt(0) == '+' || body.charAt(0) == '-')) {
            negative = body.charAt(0) == '-';
            body = body.substring(1);
        }
        StringBuilder digits = new StringBuilder();
        boolean lastUnderscore = true; // no leading underscore
        for (int i = 0; i < body.length(); ) {
            int c = body.codePointAt(i);
            i += Character.charCount(c);
            if (c == '_' && !lastUnderscore) {
                lastUnderscore = true;
                continue;
            }
            int digit = Character.getType(c) == Character.DECIMAL_DIGIT_NUMBER ? Character.digit(c, 10) : -1;
            if (digit < 0) {
                throw invalid(s);
            }
            digits.append((char) ('0' + digit));
            lastUnderscore = false;
        }
        if (digits.isEmpty() || lastUnderscore) {
            throw invalid(s);
        }
        BigInteger value = new BigInteger(digits.toString());
        return negative ? value.negate() : value;
    }

    private static PyError invalid(String s) {
        return new PyError("invalid literal for int() with base 10: " + PyRepr.string(s));
    }
}
