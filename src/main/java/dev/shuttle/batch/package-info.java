/**
 * Many requests at once: a {@link dev.shuttle.batch.Batch} runs exchanges over connections under a
 * concurrency limit, each with its own connect and I/O timeouts, set by
 * {@link dev.shuttle.batch.BatchOptions}; requests can be added while it runs and cancelled one by
 * one or all together.
 *
 * <p>May import: the public API ({@code dev.shuttle}), {@code dev.shuttle.pool}, {@code internal.batch}.
 */
package dev.shuttle.batch;
