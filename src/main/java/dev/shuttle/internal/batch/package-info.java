/**
 * The request batch behind {@link dev.shuttle.Batch}: a coordinator that owns the task scope of the
 * requests, and the request handles.
 */
package dev.shuttle.internal.batch;
