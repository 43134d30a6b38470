/**
 * The task-scope seam: {@code StructuredTaskScope} (a preview API in JDK 25) behind a small
 * interface with a plain virtual-thread implementation of the same semantics, first-success
 * races, scoped values carried into forks, and the factory of every thread Shuttle starts.
 *
 * <p>May import: the JDK only.
 */
package dev.shuttle.internal.concurrent;
