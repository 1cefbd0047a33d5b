/**
 * What the API and file-server stand-ins share: a JDK HTTP server on loopback, faults injected into chosen calls, and
 * a count of calls per endpoint, so tests can exercise a client's retries and see how many requests it made.
 */
@NullMarked
package clearml.sandbox.http;

import org.jspecify.annotations.NullMarked;
