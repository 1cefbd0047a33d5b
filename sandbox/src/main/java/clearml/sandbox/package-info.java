/** Stand-in ClearML stores on loopback: a MongoDB-wire server, a real OpenSearch node, the event templates, a launcher. */
@NullMarked
package clearml.sandbox;

import org.jspecify.annotations.NullMarked;
