package dev.shuttle.internal.tls.trust;

import java.util.Set;

/**
 * The names under which anyone may register a domain of their own, as far as a wildcard
 * certificate is concerned: a wildcard whose parent is one of them ({@code *.com},
 * {@code *.co.uk}) would cover every registrant's domain, so {@link HostnameMatcher} refuses it,
 * as browsers do.
 *
 * <p>A public suffix here is any single label (every top-level domain, and names such as
 * {@code localhost} that have no registrable parent), or one of a built-in list of second-level
 * suffixes: the ICANN section of the Public Suffix List for the country-code domains where
 * registrations happen at the second level ({@code .uk}, {@code .au}, {@code .nz}, {@code .jp},
 * {@code .br}, {@code .cn}, {@code .in}, {@code .za} and others below). It is not the whole list:
 * deeper ICANN suffixes (Japanese city names under {@code .jp}) and the list's private section
 * ({@code github.io}, which GitHub itself serves with {@code *.github.io}) are not in it. A
 * certificate authority may not issue a wildcard at a public suffix anyway; this check is the
 * client's own guard for the common cases, not a copy of the list.
 */
public final class PublicSuffixes {
    private static final Set<String> SECOND_LEVEL = Set.of(
            // United Kingdom
            "co.uk", "org.uk", "me.uk", "ltd.uk", "plc.uk", "net.uk", "sch.uk", "ac.uk", "gov.uk", "nhs.uk", "police.uk",
            // Australia, New Zealand
            "com.au", "net.au", "org.au", "edu.au", "gov.au", "asn.au", "id.au",
            "co.nz", "net.nz", "org.nz", "ac.nz", "govt.nz", "geek.nz", "gen.nz", "kiwi.nz", "maori.nz", "school.nz",
            // Japan, Korea, China, Hong Kong, Taiwan
            "co.jp", "ne.jp", "or.jp", "ac.jp", "ad.jp", "ed.jp", "go.jp", "gr.jp", "lg.jp",
            "co.kr", "ne.kr", "or.kr", "re.kr", "pe.kr", "go.kr", "ac.kr", "mil.kr",
            "com.cn", "net.cn", "org.cn", "gov.cn", "edu.cn", "ac.cn",
            "com.hk", "net.hk", "org.hk", "edu.hk", "gov.hk", "idv.hk",
            "com.tw", "net.tw", "org.tw", "edu.tw", "gov.tw", "idv.tw",
            // South and South-East Asia
            "co.in", "net.in", "org.in", "firm.in", "gen.in", "ind.in", "ac.in", "edu.in", "gov.in", "res.in",
            "com.sg", "net.sg", "org.sg", "edu.sg", "gov.sg",
            "com.my", "net.my", "org.my", "edu.my", "gov.my",
            "co.id", "or.id", "ac.id", "go.id", "web.id", "my.id", "biz.id",
            "co.th", "in.th", "ac.th", "go.th", "or.th", "net.th",
            "com.vn", "net.vn", "org.vn", "edu.vn", "gov.vn",
            "com.ph", "net.ph", "org.ph", "edu.ph", "gov.ph",
            "com.pk", "net.pk", "org.pk", "edu.pk", "gov.pk",
            // Middle East, Africa
            "co.il", "org.il", "net.il", "ac.il", "gov.il", "muni.il",
            "com.tr", "net.tr", "org.tr", "gen.tr", "biz.tr", "edu.tr", "gov.tr",
            "com.sa", "net.sa", "org.sa", "edu.sa", "gov.sa",
            "co.za", "org.za", "net.za", "web.za", "ac.za", "gov.za",
            "com.eg", "net.eg", "org.eg", "edu.eg", "gov.eg",
            "co.ke", "or.ke", "ne.ke", "ac.ke", "go.ke",
            "com.ng", "net.ng", "org.ng", "edu.ng", "gov.ng",
            // The Americas
            "com.br", "net.br", "org.br", "edu.br", "gov.br", "art.br", "blog.br", "eco.br", "ind.br", "inf.br", "tv.br",
            "com.ar", "net.ar", "org.ar", "gob.ar", "edu.ar", "int.ar",
            "com.mx", "net.mx", "org.mx", "gob.mx", "edu.mx",
            "com.co", "net.co", "org.co", "gov.co", "edu.co", "nom.co",
            "com.pe", "net.pe", "org.pe", "gob.pe", "edu.pe", "nom.pe",
            "co.ve", "com.ve", "net.ve", "org.ve",
            "com.uy", "net.uy", "org.uy", "edu.uy", "gub.uy",
            // Europe
            "co.at", "or.at", "ac.at", "gv.at",
            "com.es", "nom.es", "org.es", "gob.es", "edu.es",
            "com.pl", "net.pl", "org.pl", "info.pl", "biz.pl", "gov.pl",
            "com.ua", "net.ua", "org.ua", "in.ua", "gov.ua", "edu.ua",
            "com.gr", "net.gr", "org.gr", "edu.gr", "gov.gr",
            "com.pt", "org.pt", "edu.pt", "gov.pt",
            "co.hu", "org.hu", "info.hu",
            "com.ro", "org.ro", "info.ro", "nom.ro",
            "com.cy", "net.cy", "org.cy",
            "com.mt", "net.mt", "org.mt",
            "co.je", "net.je", "org.je",
            "co.gg", "net.gg", "org.gg",
            "co.im", "net.im", "org.im");

    private PublicSuffixes() {}

    /**
     * {@return whether anyone may register a domain directly under this name}
     *
     * @param name a DNS name in lower-case ASCII, without a trailing dot
     */
    public static boolean isPublicSuffix(String name) {
        return name.indexOf('.') < 0 || SECOND_LEVEL.contains(name);
    }
}
