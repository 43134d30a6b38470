package dev.shuttle.internal.proxyprotocol;

/** The one IPv4 spelling a PROXY v1 header may use: four decimal numbers 0-255, no leading zeros. */
final class Ipv4Quad {
    private Ipv4Quad() {}

    static boolean isDottedQuad(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')
                    || (part.length() > 1 && part.charAt(0) == '0') || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }
}
