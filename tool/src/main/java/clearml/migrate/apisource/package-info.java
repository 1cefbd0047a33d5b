/**
 * The REST-API adapter of the export's source port ({@code exporting.ExportSource}, issue #15): a ClearML server
 * read through {@code api.ApiClient} when its MongoDB and search engine cannot be opened, each answer turned back
 * into the document the server stores, and what the API does not return counted for the summary.
 */
@NullMarked
package clearml.migrate.apisource;

import org.jspecify.annotations.NullMarked;
