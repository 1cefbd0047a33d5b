/**
 * A stand-in for ClearML's file server ({@code fileserver/fileserver.py}) over a sandbox's file-server directory:
 * multipart upload where each part's field name is the target path, download with ranges, delete, batch delete, and
 * the apiserver's Bearer token as the only credential. It is not ClearML's file server.
 */
@NullMarked
package clearml.sandbox.fileserver;

import org.jspecify.annotations.NullMarked;
