package io.freshdeskbigquery.simulator;

import java.util.Random;

/**
 * Derives independent, reproducible random sources from the account seed, so a record's content
 * depends only on (seed, stream, row, version) and never on the order in which pages are read.
 *
 * <p>{@link java.util.Random} is used on purpose: its algorithm is fixed by the JDK specification,
 * so the same seed gives the same data on every JVM.
 */
final class Seeds {

    private Seeds() {
    }

    static Random random(long... parts) {
        return new Random(mix(parts));
    }

    static long mix(long... parts) {
        long h = 0x9E3779B97F4A7C15L;
        for (long part : parts) {
            h = splitMix(h ^ part);
        }
        return h;
    }

    private static long splitMix(long value) {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
