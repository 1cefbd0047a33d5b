/**
 * The {@code clearml-sandbox.jar} launcher: {@code up} starts a seeded source and a fresh target. It sits above both
 * {@code clearml.sandbox} and {@code clearml.sandbox.seed}, so neither of those depends on the other through it.
 */
@NullMarked
package clearml.sandbox.launcher;

import org.jspecify.annotations.NullMarked;
