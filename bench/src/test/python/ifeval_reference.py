"""Reference figures for the tests of io.trace2train.bench.ifeval, computed independently with scipy and numpy.

Run: python3 bench/src/test/python/ifeval_reference.py
The bootstrap re-implements java.util.SplittableRandom (SplitMix64 with the golden gamma, bounded nextInt as in
the JDK) so that the same seed draws the same prompts as the Java code.
"""
import numpy as np
from scipy.stats import binomtest, norm

print("z(0.975) =", repr(float(norm.ppf(0.975))))

# Wilson: scipy's own implementation
for k, n, conf in [(417, 541, 0.95), (0, 10, 0.95), (10, 10, 0.95), (1, 1, 0.95), (431, 541, 0.99), (5, 20, 0.90)]:
    ci = binomtest(k, n).proportion_ci(confidence_level=conf, method="wilson")
    print(f"wilson {k}/{n} @{conf}:", repr(float(ci.low)), repr(float(ci.high)))

# exact McNemar: two-sided binomial test of min(b, c) of b + c at 1/2
for b, c in [(3, 12), (0, 0), (200, 260), (5, 5), (7, 3), (1, 0)]:
    p = binomtest(min(b, c), b + c, 0.5).pvalue if b + c else 1.0
    print(f"mcnemar b={b} c={c}:", repr(float(p)))

MASK = (1 << 64) - 1
GAMMA = 0x9E3779B97F4A7C15


class SplittableRandom:
    def __init__(self, seed):
        self.seed = seed & MASK

    def _mix32(self):
        self.seed = (self.seed + GAMMA) & MASK
        z = self.seed
        z = ((z ^ (z >> 33)) * 0x62A9D9ED799705F5) & MASK
        return (((z ^ (z >> 28)) * 0xCB24D0A5C88C35B3) & MASK) >> 32  # as unsigned 32 bits

    def next_int(self, bound):
        r = self._mix32()
        m = bound - 1
        if bound & m == 0:
            return r & m
        u = r >> 1
        while True:
            r = u % bound
            if (u + m - r) < (1 << 31):  # Java: the int u + m - r did not overflow
                return r
            u = self._mix32() >> 1


def table(seeds, prompts):
    return [[(p * 7 + s * 3 + p * p) % 10 < 7 for p in range(prompts)] for s in range(seeds)]


def bootstrap(passes, resamples, seed):
    n = len(passes[0])
    passed = [sum(row[p] for row in passes) for p in range(n)]
    rnd = SplittableRandom(seed)
    means = [sum(passed[rnd.next_int(n)] for _ in range(n)) / (len(passes) * n) for _ in range(resamples)]
    return float(np.percentile(means, 2.5)), float(np.percentile(means, 97.5))


for seeds, prompts, resamples, seed in [(3, 541, 2000, 42), (1, 64, 1000, 7), (4, 100, 10000, 2024)]:
    low, high = bootstrap(table(seeds, prompts), resamples, seed)
    print(f"bootstrap {seeds}x{prompts} B={resamples} seed={seed}:", repr(low), repr(high))
