/**
 * {@code relink}: applies the one link engine ({@link clearml.migrate.links.LinkRewriter}) in place to a live
 * server's MongoDB entities and Elasticsearch events, with a client-side scan and exact-field writes, so it works on
 * every engine (no pipeline updates, no painless) and a second run changes nothing (data model §7).
 */
@NullMarked
package clearml.migrate.relinking;

import org.jspecify.annotations.NullMarked;
