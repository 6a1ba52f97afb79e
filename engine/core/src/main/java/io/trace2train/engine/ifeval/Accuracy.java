package io.trace2train.engine.ifeval;

/**
 * A pass count out of a total.
 *
 * @param passed how many passed
 * @param total how many were judged
 */
public record Accuracy(int passed, int total) {

    public Accuracy {
        if (passed < 0 || total < passed) {
            throw new IllegalArgumentException("bad accuracy " + passed + "/" + total);
        }
    }

    public double rate() {
        return total == 0 ? 0.0 : (double) passed / total;
    }

    Accuracy plus(boolean pass) {
        return new Accuracy(passed + (pass ? 1 : 0), total + 1);
    }

    @Override
    public String toString() {
        return passed + "/" + total + " = " + String.format(java.util.Locale.ROOT, "%.4f", rate());
    }
}
