/**
 * Destination address ordering, RFC 6724: the default policy table, the source address the
 * system would use for each destination, and the sorter that orders a name's addresses by them
 * (used by the race and by UDP).
 *
 * <p>May import: {@code internal.uri}.
 */
package dev.shuttle.internal.address;
