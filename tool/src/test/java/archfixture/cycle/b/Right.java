package archfixture.cycle.b;

import archfixture.cycle.a.Left;

/** The other half of the deliberate package cycle. */
public final class Right {

    public Class<Left> partner() {
        return Left.class;
    }
}
