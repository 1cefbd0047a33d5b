/** What tests of every package share: the one command-line runner and the one store snapshot. */
package clearml.migrate.testing;
