/**
 * TLS towards the stores: which certificates a store's client trusts (the JDK's CAs, a private CA from a PEM file,
 * or none checked), and the one line that says why a store's certificate was refused. Shared by the MongoDB and
 * search-engine clients.
 */
@NullMarked
package clearml.migrate.tls;

import org.jspecify.annotations.NullMarked;
