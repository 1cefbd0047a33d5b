/**
 * {@code relink --api-host} (issue #15): the URL places of projects, tasks and models rewritten through the REST
 * API's edit calls, debug-image and plot events re-sent through {@code events.add_batch}, each change journalled
 * for {@code undo --api-host}, and what the API cannot rewrite said per entity.
 */
@NullMarked
package clearml.migrate.apirelink;

import org.jspecify.annotations.NullMarked;
