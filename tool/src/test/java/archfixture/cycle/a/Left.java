package archfixture.cycle.a;

import archfixture.cycle.b.Right;

/** Half of a deliberate package cycle, for proving that PackageCyclesTest sees one. */
public final class Left {

    public Right partner() {
        return new Right();
    }
}
