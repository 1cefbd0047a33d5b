/**
 * How Python prints values: ClearML's server is Python, so its archives, event ids and upgraded parameters hold
 * Python's renderings, and the tool must render the same. Depends on nothing in the tool.
 */
@NullMarked
package clearml.migrate.python;

import org.jspecify.annotations.NullMarked;
