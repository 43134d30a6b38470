package dev.shuttle.internal.dns;

import java.io.IOException;

/**
 * A resolver that can also look up HTTPS and SVCB records (RFC 9460), for Happy Eyeballs v3.
 */
public interface ServiceRecordLookup {
    /** The HTTPS record type (65). */
    int HTTPS = org.xbill.DNS.Type.HTTPS;
    /** The SVCB record type (64). */
    int SVCB = org.xbill.DNS.Type.SVCB;

    /**
     * Looks up the records of a name, following AliasMode records.
     *
     * @param name the name asked: the host for HTTPS on port 443, else {@code _port._scheme.host}
     * @param type {@link #HTTPS} or {@link #SVCB}
     * @return what was found
     * @throws IOException if the lookup failed, timed out or was interrupted, or the AliasMode
     *     records form a loop or a chain too long
     */
    ServiceAnswerFound services(String name, int type) throws IOException;

    /**
     * {@return the cached answer, or {@code null} to look up}
     *
     * @param name the name asked
     * @param type {@link #HTTPS} or {@link #SVCB}
     */
    ServiceAnswerFound servicesAtOnce(String name, int type);
}
