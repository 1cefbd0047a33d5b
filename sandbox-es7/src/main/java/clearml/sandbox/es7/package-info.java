/** A real Elasticsearch 7.17 node, run alone in a child JVM because its Lucene 8 clashes with OpenSearch's Lucene 9. */
@NullMarked
package clearml.sandbox.es7;

import org.jspecify.annotations.NullMarked;
