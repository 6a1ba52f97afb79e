package io.trace2train.backends.jlama;

import com.github.tjake.jlama.model.AbstractModel;
import com.github.tjake.jlama.tensor.AbstractTensor;
import io.trace2train.api.backend.GenerationSettings;
import java.util.Arrays;
import java.util.SplittableRandom;

/** Picks the next token: greedy at temperature 0, else softmax with temperature and top-p, from a seeded source. */
@SuppressWarnings("rawtypes") // jlama's tensors are generic in their vector type, which its own API leaves raw
final class Sampler {

    private Sampler() {
    }

    static int next(AbstractModel model, AbstractTensor output, AbstractTensor logits, int vocabulary,
            GenerationSettings settings, SplittableRandom random) {
        // Jlama's own sampler at temperature 0 fills the logits and returns the argmax
        int argmax = model.sample(output, 0f, 0f, logits);
        if (settings.temperature() == 0) {
            return argmax;
        }
        // Jlama's logits tensor is [1, vocabulary]
        double max = logits.get(0, argmax);
        double[] probabilities = new double[vocabulary];
        double sum = 0;
        for (int i = 0; i < vocabulary; i++) {
            probabilities[i] = Math.exp((logits.get(0, i) - max) / settings.temperature());
            sum += probabilities[i];
        }
        Integer[] order = new Integer[vocabulary];
        for (int i = 0; i < vocabulary; i++) {
            order[i] = i;
            probabilities[i] /= sum;
        }
        Arrays.sort(order, (a, b) -> Double.compare(probabilities[b], probabilities[a]));
        int kept = 0;
        double mass = 0;
        while (kept < vocabulary && (kept == 0 || mass < settings.topP())) {
            mass += probabilities[order[kept++]];
        }
        double coin = random.nextDouble() * mass;
        double acc = 0;
        for (int i = 0; i < kept; i++) {
            acc += probabilities[order[i]];
            if (acc >= coin) {
                return order[i];
            }
        }
        return order[kept - 1];
    }
}
