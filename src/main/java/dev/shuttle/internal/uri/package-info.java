/**
 * The one parser of Shuttle URIs and hosts: schemes, IPv4 and IPv6 text, hostnames checked and
 * IDN-converted once, and the refusal of {@code udp://} by the stream APIs.
 *
 * <p>May import: the public API ({@code dev.shuttle}).
 */
package dev.shuttle.internal.uri;
