package dev.shuttle.internal.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Proxy URIs: schemes, default ports, percent-decoded credentials that no message shows. */
class ProxyUriTest {

    @Test
    void readsSchemeAddressAndDecodedCredentials() {
        ProxyUri uri = ProxyUri.parse("socks5://us%40er:p%3Ass+w%C3%B6rd@[::1]:1081/");
        assertEquals(ProxyKind.SOCKS5, uri.kind());
        assertEquals("tcp://[::1]:1081", uri.connectUri());
        assertEquals("us@er", uri.username());
        assertEquals("p:ss+wörd", uri.password());
        assertEquals("socks5://[::1]:1081", uri.toString());
    }

    @ParameterizedTest
    @CsvSource({
        "socks5h://proxy.test, SOCKS5, tcp://proxy.test:1080",
        "SOCKS4://proxy.test, SOCKS4A, tcp://proxy.test:1080",
        "http://Proxy.Test:3128, HTTP, tcp://proxy.test:3128",
        "http://proxy.test, HTTP, tcp://proxy.test:80",
        "https://proxy.test, HTTPS, tls://proxy.test:443",
        "tls://127.0.0.1:8443, HTTPS, tls://127.0.0.1:8443",
    })
    void schemesAndDefaultPorts(String text, ProxyKind kind, String connectUri) {
        ProxyUri uri = ProxyUri.parse(text);
        assertEquals(kind, uri.kind());
        assertEquals(connectUri, uri.connectUri());
        assertNull(uri.username());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ftp://user:secret@proxy:21|Invalid proxy URI 'ftp://***@proxy:21': unknown proxy scheme 'ftp'; use socks5, socks5h, socks4a, socks4, http, https or tls",
        "user:secret@proxy:1080|Invalid proxy URI '***@proxy:1080': it has no scheme; write socks5://, socks4a://, http:// or https://",
        "socks5://user:secret@proxy:1080/path|Invalid proxy URI 'socks5://***@proxy:1080/path': a proxy URI has no path, query or fragment",
        "socks5://user:sec%zzret@proxy|Invalid proxy URI 'socks5://***@proxy': its password has a '%' not followed by two hexadecimal digits",
        "socks5://:secret@proxy|Invalid proxy URI 'socks5://***@proxy': its user name is empty",
        "socks4a://id:secret@proxy|Invalid proxy URI 'socks4a://***@proxy': SOCKS4a has no passwords; only a user id (socks4a://id@host:port)",
        "socks5://user:secret@|Invalid proxy URI 'socks5://***@': it has no host",
        "http://user:secret@proxy:99999|Invalid proxy URI 'http://***@proxy:99999': Invalid URI 'tcp://proxy:99999': port 99999 is outside 1-65535",
    })
    void badUrisAreRefusedWithoutShowingTheirCredentials(String text, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProxyUri.parse(text));
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
        assertEquals(message, e.getMessage());
    }

    @Test
    void socks5CredentialsOver255BytesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProxyUri.parse("socks5://u:" + "é".repeat(128) + "@proxy"));
        assertEquals("Invalid proxy URI 'socks5://***@proxy': its password is 256 bytes long; SOCKS5 allows at most 255",
                e.getMessage());
    }
}
