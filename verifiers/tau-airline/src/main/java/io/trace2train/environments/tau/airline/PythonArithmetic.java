package io.trace2train.environments.tau.airline;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Python 3.11's {@code float(eval(expression))} for the expressions {@code calculate} lets through (digits,
 * {@code + - * / ( ) .}, spaces): int and float literals, {@code + - * / // **}, unary signs, parentheses, and the
 * odd values those characters can also spell ({@code ()} a tuple, {@code ...} Ellipsis, {@code (1)(2)} a call), with
 * Python's results and messages, syntax errors included ({@code "invalid syntax (<string>, line 1)"}).
 */
final class PythonArithmetic {

    /** Integers past this many bits are refused (Python would compute them; no float can hold them anyway). */
    private static final int MAX_INT_BITS = 1 << 16;

    private enum Kind { INT, FLOAT, COMPLEX, TUPLE, ELLIPSIS }

    /** A Python value: an int, a float, or one of the values no arithmetic turns into a float. */
    private record Value(Kind kind, BigInteger i, double f) {

        static Value of(BigInteger i) throws PyError {
            if (i.bitLength() > MAX_INT_BITS) {
                throw new PyError("int too large to convert to float");
            }
            return new Value(Kind.INT, i, 0);
        }

        static Value of(double f) {
            return new Value(Kind.FLOAT, null, f);
        }

        static final Value TUPLE = new Value(Kind.TUPLE, null, 0);
        static final Value ELLIPSIS = new Value(Kind.ELLIPSIS, null, 0);
        static final Value COMPLEX = new Value(Kind.COMPLEX, null, 0);

        boolean real() {
            return kind == Kind.INT || kind == Kind.FLOAT;
        }

        String type() {
            return switch (kind) {
                case INT -> "int";
                case FLOAT -> "float";
                case COMPLEX -> "complex";
                case TUPLE -> "tuple";
                case ELLIPSIS -> "ellipsis";
            };
        }

        double toFloat() throws PyError {
            if (kind == Kind.FLOAT) {
                return f;
            }
            double d = i.doubleValue();
            if (Double.isInfinite(d)) {
                throw new PyError("int too large to convert to float");
            }
            return d;
        }
    }

    private enum Type { NUMBER, ELLIPSIS, DOT, PLUS, MINUS, STAR, SLASH, DOUBLE_SLASH, POWER, LPAR, RPAR, END }

    private record Token(Type type, String text, String tokenizerError) {
    }

    private final List<Token> tokens;
    private int pos;
    private int depth;

    private PythonArithmetic(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** {@code float(eval(expression))}. */
    static double evaluate(String expression) throws PyError {
        String line = expression.isBlank() ? "0" : "1";
        List<Token> tokens = tokenize(expression);
        String tokenizerError = tokens.stream().map(Token::tokenizerError).filter(e -> e != null).findFirst()
                .orElse(null);
        PythonArithmetic parser = new PythonArithmetic(tokens);
        Node tree;
        try {
            tree = parser.parse();
        } catch (SyntaxError e) {
            throw new PyError(parser.syntaxMessage(e) + " (<string>, line " + line + ")");
        }
        if (tokenizerError != null) {
            throw new PyError(tokenizerError + " (<string>, line " + line + ")");
        }
        Value value = tree.eval();
        if (!value.real()) {
            throw new PyError("float() argument must be a string or a real number, not '" + value.type() + "'");
        }
        return value.toFloat();
    }

    /** {@code round(x, 2)}: correctly rounded, half to even on the double's exact value, as Python does. */
    static double roundTo2(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x) || x == 0) {
            return x;
        }
        double rounded = new BigDecimal(x).setScale(2, RoundingMode.HALF_EVEN).doubleValue();
        return rounded == 0 ? Math.copySign(0.0, x) : rounded;
    }

    // ---- tokens

    private static List<Token> tokenize(String s) {
        List<Token> out = new ArrayList<>();
        int level = 0;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == ' ') {
                i++;
                continue;
            }
            if (Character.isDigit(c) || c == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1))) {
                int start = i;
                while (i < s.length() && Character.isDigit(s.charAt(i))) {
                    i++;
                }
                boolean isFloat = false;
                if (i < s.length() && s.charAt(i) == '.') {
                    isFloat = true;
                    i++;
                    while (i < s.length() && Character.isDigit(s.charAt(i))) {
                        i++;
                    }
                }
                String text = s.substring(start, i);
                String error = !isFloat && text.length() > 1 && text.charAt(0) == '0' && !text.matches("0+")
                        ? "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal "
                        + "integers" : null;
                out.add(new Token(Type.NUMBER, text, error));
                continue;
            }
            if (s.startsWith("...", i)) {
                out.add(new Token(Type.ELLIPSIS, "...", null));
                i += 3;
                continue;
            }
            Type type;
            int length = 1;
            String error = null;
            switch (c) {
                case '.' -> type = Type.DOT;
                case '+' -> type = Type.PLUS;
                case '-' -> type = Type.MINUS;
                case '*' -> {
                    boolean power = s.startsWith("**", i);
                    type = power ? Type.POWER : Type.STAR;
                    length = power ? 2 : 1;
                }
                case '/' -> {
                    boolean floor = s.startsWith("//", i);
                    type = floor ? Type.DOUBLE_SLASH : Type.SLASH;
                    length = floor ? 2 : 1;
                }
                case '(' -> {
                    type = Type.LPAR;
                    level++;
                }
                case ')' -> {
                    type = Type.RPAR;
                    if (level == 0) {
                        error = "unmatched ')'";
                    } else {
                        level--;
                    }
                }
                default -> throw new IllegalArgumentException("not an arithmetic character: " + c);
            }
            out.add(new Token(type, s.substring(i, i + length), error));
            i += length;
        }
        out.add(new Token(Type.END, "", level > 0 ? "'(' was never closed" : null));
        return out;
    }

    // ---- syntax

    private static final class SyntaxError extends Exception {
        final int at;

        SyntaxError(int at) {
            super(null, null, false, false);
            this.at = at;
        }
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Node parse() throws SyntaxError {
        Node expression = expression();
        if (peek().type != Type.END) {
            throw new SyntaxError(pos);
        }
        return expression;
    }

    // expression: term (('+' | '-') term)*
    private Node expression() throws SyntaxError {
        Node left = term();
        while (peek().type == Type.PLUS || peek().type == Type.MINUS) {
            Type op = tokens.get(pos++).type;
            left = new Binary(op, left, term());
        }
        return left;
    }

    // term: factor (('*' | '/' | '//') factor)*
    private Node term() throws SyntaxError {
        Node left = factor();
        while (peek().type == Type.STAR || peek().type == Type.SLASH || peek().type == Type.DOUBLE_SLASH) {
            Type op = tokens.get(pos++).type;
            left = new Binary(op, left, factor());
        }
        return left;
    }

    // factor: ('+' | '-') factor | power
    private Node factor() throws SyntaxError {
        if (peek().type == Type.PLUS || peek().type == Type.MINUS) {
            Type op = tokens.get(pos++).type;
            return new Unary(op, factor());
        }
        return power();
    }

    // power: primary ['**' factor]
    private Node power() throws SyntaxError {
        Node base = primary();
        if (peek().type == Type.POWER) {
            pos++;
            return new Binary(Type.POWER, base, factor());
        }
        return base;
    }

    // primary: atom ('(' [expression] ')')*
    private Node primary() throws SyntaxError {
        Node atom = atom();
        while (peek().type == Type.LPAR) {
            pos++;
            Node argument = peek().type == Type.RPAR ? null : expression();
            expect(Type.RPAR);
            atom = new Call(atom, argument);
        }
        return atom;
    }

    // atom: NUMBER | '...' | '(' [expression] ')'
    private Node atom() throws SyntaxError {
        Token token = peek();
        switch (token.type) {
            case NUMBER -> {
                pos++;
                return new Literal(token.text);
            }
            case ELLIPSIS -> {
                pos++;
                return new Constant(Value.ELLIPSIS);
            }
            case LPAR -> {
                pos++;
                if (peek().type == Type.RPAR) {
                    pos++;
                    return new Constant(Value.TUPLE);
                }
                Node inner = expression();
                expect(Type.RPAR);
                return inner;
            }
            default -> throw new SyntaxError(pos);
        }
    }

    private void expect(Type type) throws SyntaxError {
        if (peek().type != type) {
            throw new SyntaxError(pos);
        }
        pos++;
    }

    /**
     * Python's message for a parse that stopped at token {@code e.at}: a tokenizer error anywhere wins (Python
     * tokenizes the rest of the line after a generic failure), then "Perhaps you forgot a comma?" for two
     * expressions side by side inside parentheses, then "cannot use starred expression here", else "invalid syntax".
     */
    private String syntaxMessage(SyntaxError e) {
        Token at = tokens.get(e.at);
        String early = tokenizerErrorBefore(e.at + 1);
        if (early != null) {
            return early;
        }
        if (at.tokenizerError != null) {
            return at.tokenizerError;
        }
        int level = levelBefore(e.at);
        if (level > 0 && e.at > 0 && startsExpression(at.type) && endsExpression(tokens.get(e.at - 1).type)) {
            PythonArithmetic rest = new PythonArithmetic(tokens);
            rest.pos = e.at;
            try {
                rest.expression();
                Token after = rest.peek();
                if (after.type == Type.END && after.tokenizerError != null) {
                    return after.tokenizerError;
                }
                return tokenizerErrorBefore(rest.pos + 1) != null ? tokenizerErrorBefore(rest.pos + 1)
                        : "invalid syntax. Perhaps you forgot a comma?";
            } catch (SyntaxError ignored) {
                // the second one is no expression either: not the missing-comma case
            }
        }
        if (at.type == Type.STAR && e.at > 0 && tokens.get(e.at - 1).type == Type.LPAR) {
            PythonArithmetic rest = new PythonArithmetic(tokens);
            rest.pos = e.at + 1;
            try {
                rest.factor();
                if (rest.peek().type == Type.RPAR && tokenizerErrorBefore(tokens.size()) == null) {
                    return "cannot use starred expression here";
                }
            } catch (SyntaxError ignored) {
                // not a starred expression
            }
        }
        String later = tokenizerErrorBefore(tokens.size());
        return later != null ? later : "invalid syntax";
    }

    private String tokenizerErrorBefore(int end) {
        for (int i = 0; i < Math.min(end, tokens.size()); i++) {
            if (tokens.get(i).tokenizerError != null && tokens.get(i).type != Type.END) {
                return tokens.get(i).tokenizerError;
            }
        }
        return null;
    }

    private int levelBefore(int index) {
        int level = 0;
        for (int i = 0; i < index; i++) {
            if (tokens.get(i).type == Type.LPAR) {
                level++;
            } else if (tokens.get(i).type == Type.RPAR && level > 0) {
                level--;
            }
        }
        return level;
    }

    private static boolean startsExpression(Type type) {
        return type == Type.NUMBER || type == Type.ELLIPSIS;
    }

    private static boolean endsExpression(Type type) {
        return type == Type.NUMBER || type == Type.ELLIPSIS || type == Type.RPAR;
    }

    // ---- evaluation

    private interface Node {
        Value eval() throws PyError;
    }

    private record Literal(String text) implements Node {
        @Override
        public Value eval() throws PyError {
            return text.contains(".") ? Value.of(Double.parseDouble(text)) : Value.of(new BigInteger(text));
        }
    }

    private record Constant(Value value) implements Node {
        @Override
        public Value eval() {
            return value;
        }
    }

    private record Call(Node callee, Node argument) implements Node {
        @Override
        public Value eval() throws PyError {
            Value target = callee.eval();
            if (argument != null) {
                argument.eval();
            }
            throw new PyError("'" + target.type() + "' object is not callable");
        }
    }

    private record Unary(Type op, Node operand) implements Node {
        @Override
        public Value eval() throws PyError {
            Value v = operand.eval();
            if (!v.real()) {
                if (v.kind == Kind.COMPLEX) {
                    return v;
                }
                throw new PyError("bad operand type for unary " + (op == Type.MINUS ? "-" : "+") + ": '" + v.type()
                        + "'");
            }
            if (op == Type.PLUS) {
                return v;
            }
            return v.kind == Kind.INT ? Value.of(v.i.negate()) : Value.of(-v.f);
        }
    }

    private record Binary(Type op, Node left, Node right) implements Node {
        @Override
        public Value eval() throws PyError {
            Value a = left.eval();
            Value b = right.eval();
            if (a.kind == Kind.COMPLEX || b.kind == Kind.COMPLEX) {
                if ((a.real() || a.kind == Kind.COMPLEX) && (b.real() || b.kind == Kind.COMPLEX)) {
                    return Value.COMPLEX; // only float() of it remains, which fails whatever it is
                }
            }
            if (!a.real() || !b.real()) {
                return sequenceOrError(a, b);
            }
            return switch (op) {
                case PLUS -> a.kind == Kind.INT && b.kind == Kind.INT ? Value.of(a.i.add(b.i))
                        : Value.of(a.toFloat() + b.toFloat());
                case MINUS -> a.kind == Kind.INT && b.kind == Kind.INT ? Value.of(a.i.subtract(b.i))
                        : Value.of(a.toFloat() - b.toFloat());
                case STAR -> a.kind == Kind.INT && b.kind == Kind.INT ? Value.of(a.i.multiply(b.i))
                        : Value.of(a.toFloat() * b.toFloat());
                case SLASH -> divide(a, b);
                case DOUBLE_SLASH -> floorDivide(a, b);
                case POWER -> power(a, b);
                default -> throw new IllegalStateException(op.toString());
            };
        }

        private Value sequenceOrError(Value a, Value b) throws PyError {
            String symbol = symbol(op);
            if (a.kind == Kind.TUPLE && op == Type.PLUS) {
                if (b.kind == Kind.TUPLE) {
                    return Value.TUPLE;
                }
                throw new PyError("can only concatenate tuple (not \"" + b.type() + "\") to tuple");
            }
            if (op == Type.STAR && (a.kind == Kind.TUPLE || b.kind == Kind.TUPLE)) {
                Value times = a.kind == Kind.TUPLE ? b : a;
                if (times.kind == Kind.INT) {
                    return Value.TUPLE;
                }
                throw new PyError("can't multiply sequence by non-int of type '"
                        + (a.kind == Kind.TUPLE && b.kind == Kind.TUPLE ? b.type() : times.type()) + "'");
            }
            throw new PyError("unsupported operand type(s) for " + symbol + ": '" + a.type() + "' and '" + b.type()
                    + "'");
        }
    }

    private static String symbol(Type op) {
        return switch (op) {
            case PLUS -> "+";
            case MINUS -> "-";
            case STAR -> "*";
            case SLASH -> "/";
            case DOUBLE_SLASH -> "//";
            case POWER -> "** or pow()";
            default -> op.toString();
        };
    }

    private static Value divide(Value a, Value b) throws PyError {
        if (a.kind == Kind.INT && b.kind == Kind.INT) {
            if (b.i.signum() == 0) {
                throw new PyError("division by zero");
            }
            if (a.i.bitLength() <= 53 && b.i.bitLength() <= 53) {
                return Value.of(a.i.doubleValue() / b.i.doubleValue()); // both exact: one correctly rounded step
            }
            // int / int is correctly rounded in Python, even past 2^53
            return Value.of(new BigDecimal(a.i).divide(new BigDecimal(b.i), MathContext.DECIMAL128).doubleValue());
        }
        double y = b.toFloat();
        double x = a.toFloat();
        if (y == 0) {
            throw new PyError("float division by zero");
        }
        return Value.of(x / y);
    }

    private static Value floorDivide(Value a, Value b) throws PyError {
        if (a.kind == Kind.INT && b.kind == Kind.INT) {
            if (b.i.signum() == 0) {
                throw new PyError("integer division or modulo by zero");
            }
            BigInteger[] qr = a.i.divideAndRemainder(b.i);
            BigInteger q = qr[0];
            if (qr[1].signum() != 0 && qr[1].signum() != b.i.signum()) {
                q = q.subtract(BigInteger.ONE);
            }
            return Value.of(q);
        }
        double x = a.toFloat();
        double y = b.toFloat();
        if (y == 0) {
            throw new PyError("float floor division by zero");
        }
        // CPython's float_floor_div (via _float_div_mod)
        double mod = x % y;
        double div = (x - mod) / y;
        if (mod != 0 && (y < 0) != (mod < 0)) {
            div -= 1.0;
        }
        double floor;
        if (div != 0) {
            floor = Math.floor(div);
            if (div - floor > 0.5) {
                floor += 1.0;
            }
        } else {
            floor = Math.copySign(0.0, x / y);
        }
        return Value.of(floor);
    }

    private static Value power(Value a, Value b) throws PyError {
        if (a.kind == Kind.INT && b.kind == Kind.INT && b.i.signum() >= 0) {
            if (a.i.abs().compareTo(BigInteger.ONE) <= 0) {
                return Value.of(a.i.signum() == 0 ? (b.i.signum() == 0 ? BigInteger.ONE : BigInteger.ZERO)
                        : a.i.equals(BigInteger.ONE) || !b.i.testBit(0) ? BigInteger.ONE : a.i);
            }
            if ((long) a.i.bitLength() * b.i.min(BigInteger.valueOf(MAX_INT_BITS + 1L)).longValue()
                    > MAX_INT_BITS + (long) a.i.bitLength()) {
                throw new PyError("int too large to convert to float");
            }
            return Value.of(a.i.pow(b.i.intValueExact()));
        }
        double x = a.toFloat();
        double y = b.toFloat();
        if (x == 0 && y < 0) {
            throw new PyError("0.0 cannot be raised to a negative power");
        }
        if (x < 0 && y != Math.rint(y) && Double.isFinite(y)) {
            return Value.COMPLEX; // Python 3 gives a complex root
        }
        double r = StrictMath.pow(x, y);
        if (Double.isInfinite(r) && Double.isFinite(x) && Double.isFinite(y)) {
            throw new PyError("(34, 'Numerical result out of range')");
        }
        return Value.of(r);
    }
}
