package clearml.sandbox.seed;

import java.util.HexFormat;
import java.util.Random;

/** Deterministic ids and numbers: one fixed-seed {@link Random}, so the same size gives the same state. */
final class Ids {

    private final Random random;

    Ids(long seed) {
        this.random = new Random(seed);
    }

    /** A ClearML id: 32 lowercase hex characters, like {@code uuid4().hex} (data model §1.2). */
    String id() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** An access key shaped like ClearML's: upper-case letters and digits. */
    String key(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        StringBuilder key = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            key.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return key.toString();
    }

    double nextDouble() {
        return random.nextDouble();
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }
}
