/**
 * The request batch behind {@link dev.shuttle.batch.Batch}: a coordinator that owns the task scope of the
 * requests, and the request handles.
 *
 * <p>May import: {@code dev.shuttle.batch}, {@code dev.shuttle.pool}, the public API ({@code dev.shuttle}), {@code internal.concurrent}, {@code internal.io},
 * {@code internal.uri}.
 */
package dev.shuttle.internal.batch;
