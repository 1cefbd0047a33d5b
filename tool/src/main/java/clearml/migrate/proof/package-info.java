/**
 * Proof that a migration is sound: {@link clearml.migrate.proof.Inspector} describes and checks an archive with no
 * server at all, {@link clearml.migrate.proof.Verifier} compares a target server with the archive imported into it.
 * Both return report records and never print.
 */
@NullMarked
package clearml.migrate.proof;

import org.jspecify.annotations.NullMarked;
