/**
 * The {@code clearml-sandbox.jar} launcher: {@code up} starts a seeded source and a fresh target, with {@code --api}
 * each with its API and file-server stand-ins. It sits above both
 * {@code clearml.sandbox} and {@code clearml.sandbox.seed}, so neither of those depends on the other through it.
 */
@NullMarked
package clearml.sandbox.launcher;

import org.jspecify.annotations.NullMarked;
