/**
 * The one URL-rewrite engine and the catalogue of every place a URL lives, in entity documents and in events
 * (data model §7.4). Export, import and relink all rewrite links through {@link clearml.migrate.links.LinkRewriter};
 * nothing else in the tool edits a URL.
 */
@NullMarked
package clearml.migrate.links;

import org.jspecify.annotations.NullMarked;
