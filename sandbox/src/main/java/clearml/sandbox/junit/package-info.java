/** JUnit 5 extensions that give tests shared sandboxes and run a test once per search engine. */
@NullMarked
package clearml.sandbox.junit;

import org.jspecify.annotations.NullMarked;
