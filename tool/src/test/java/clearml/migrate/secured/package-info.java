/**
 * The direct mode against secured stores: TLS with a private CA, certificate checks skipped on request, and
 * Elasticsearch API keys, through TLS-terminating loopback proxies in front of the sandbox's engines (neither
 * mongo-java-server nor the embedded engines serve TLS themselves) with certificates made by the tests.
 */
@NullMarked
package clearml.migrate.secured;

import org.jspecify.annotations.NullMarked;
