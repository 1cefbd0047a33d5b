/** ClearML events in Elasticsearch or OpenSearch: index names, scroll, bulk, delete, event ids, plot compression. */
@NullMarked
package clearml.migrate.events;

import org.jspecify.annotations.NullMarked;
