package clearml.sandbox;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Locale;

/**
 * Calls {@code new Seeder().seed(sandbox, size)} by reflection. The seeder is written on its own branch at the same
 * time as this launcher; reflection lets either land first. Replace with a direct call once both are merged.
 */
final class ReflectiveSeeding {

    private static final String SEEDER = "clearml.sandbox.Seeder";
    private static final String SEED_SIZE = "clearml.sandbox.SeedSize";

    private ReflectiveSeeding() {
    }

    /** Seeds {@code sandbox} with the named size and returns the seeder's report as text. */
    static String seed(Sandbox sandbox, String size) {
        try {
            Class<?> seederClass = Class.forName(SEEDER);
            Class<?> sizeClass = Class.forName(SEED_SIZE);
            Object seeder = seederClass.getConstructor().newInstance();
            Method seed = seederClass.getMethod("seed", Sandbox.class, sizeClass);
            return String.valueOf(seed.invoke(seeder, sandbox, named(sizeClass, size)));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("this build has no seeder (" + e.getMessage() + "): use --seed none", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("seeding the source with size " + size + " failed: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the seeder does not offer new Seeder().seed(Sandbox, SeedSize): " + e, e);
        }
    }

    /** {@code SeedSize.named(size)}, or for an enum {@code SeedSize.valueOf(SIZE)}. */
    private static Object named(Class<?> sizeClass, String size) throws ReflectiveOperationException {
        try {
            return sizeClass.getMethod("named", String.class).invoke(null, size);
        } catch (NoSuchMethodException e) {
            return sizeClass.getMethod("valueOf", String.class).invoke(null, size.toUpperCase(Locale.ROOT));
        }
    }
}
