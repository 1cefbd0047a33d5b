/**
 * A stand-in for ClearML's apiserver (v2.0.0, API 2.31) over the sandbox's own MongoDB and OpenSearch: the REST
 * subset a migration client calls, written from the server's public code and schema and reproducing the behaviour a
 * client meets (clearml-rest-api.md). It is not ClearML's apiserver, which cannot be installed here.
 */
@NullMarked
package clearml.sandbox.api;

import org.jspecify.annotations.NullMarked;
