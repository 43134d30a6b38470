/**
 * The {@code Server.listen} and {@code Server.inherited} facades: choose a listener by scheme
 * (or take the inherited socket) and put the serving server over it. The pieces live in the
 * sub-packages {@code listen}, {@code serve}, {@code readable} and {@code admit}.
 *
 * <p>May import: {@code dev.shuttle.tls}, the public API ({@code dev.shuttle}), {@code internal.proxyprotocol},
 * {@code internal.server.listen}, {@code internal.server.serve}, {@code internal.tls}, {@code internal.uri}.
 */
package dev.shuttle.internal.server;
