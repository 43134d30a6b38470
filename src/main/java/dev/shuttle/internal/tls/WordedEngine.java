package dev.shuttle.internal.tls;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.BiFunction;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * A client {@link SSLEngine} handed to another library (through {@link EngineSslContext}): the
 * provider's engine, whose failures come out in Shuttle's words. A handshake failure is an
 * {@link javax.net.ssl.SSLHandshakeException} saying why (an untrusted certificate, a wrong name
 * and the names it holds, no common protocol), as Shuttle's own connections throw; a later failure
 * is an {@link SSLException} naming the peer. BouncyCastle's types never reach the caller, not
 * even as causes ({@link ProviderCauses}). Everything else is the provider's engine.
 */
final class WordedEngine extends SSLEngine {
    private final SSLEngine engine;
    private final HandshakeFailures.Attempt attempt;
    private volatile boolean handshaken;

    WordedEngine(SSLEngine engine, List<String> protocols, List<String> applicationProtocols) {
        super(engine.getPeerHost(), engine.getPeerPort());
        this.engine = engine;
        String host = engine.getPeerHost();
        String peer = host == null ? "a server" : "tls://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host)
                + (engine.getPeerPort() > 0 ? ":" + engine.getPeerPort() : "");
        this.attempt = new HandshakeFailures.Attempt(peer, true, protocols, applicationProtocols);
    }

    @Override
    public SSLEngineResult wrap(ByteBuffer[] sources, int offset, int length, ByteBuffer destination) throws SSLException {
        try {
            return noted(engine.wrap(sources, offset, length, destination));
        } catch (SSLException | RuntimeException e) {
            throw worded(e);
        }
    }

    @Override
    public SSLEngineResult unwrap(ByteBuffer source, ByteBuffer[] destinations, int offset, int length) throws SSLException {
        try {
            return noted(engine.unwrap(source, destinations, offset, length));
        } catch (SSLException | RuntimeException e) {
            throw worded(e);
        }
    }

    private SSLEngineResult noted(SSLEngineResult result) {
        if (result.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.FINISHED) {
            handshaken = true;
        }
        return result;
    }

    private SSLException worded(Exception failure) {
        if (!handshaken) {
            java.io.IOException translated = HandshakeFailures.translate(attempt, failure, null);
            return translated instanceof SSLException ssl ? ssl : new SSLException(translated.getMessage(), translated);
        }
        return new SSLException("TLS connection with " + attempt.peer() + " failed: "
                + dev.shuttle.internal.io.ConnectFailures.reason(failure), ProviderCauses.scrubbed(failure));
    }

    @Override
    public Runnable getDelegatedTask() {
        return engine.getDelegatedTask();
    }

    @Override
    public void closeInbound() throws SSLException {
        try {
            engine.closeInbound();
        } catch (SSLException e) {
            throw worded(e);
        }
    }

    @Override
    public boolean isInboundDone() {
        return engine.isInboundDone();
    }

    @Override
    public void closeOutbound() {
        engine.closeOutbound();
    }

    @Override
    public boolean isOutboundDone() {
        return engine.isOutboundDone();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return engine.getSupportedCipherSuites();
    }

    @Override
    public String[] getEnabledCipherSuites() {
        return engine.getEnabledCipherSuites();
    }

    @Override
    public void setEnabledCipherSuites(String[] suites) {
        engine.setEnabledCipherSuites(suites);
    }

    @Override
    public String[] getSupportedProtocols() {
        return engine.getSupportedProtocols();
    }

    @Override
    public String[] getEnabledProtocols() {
        return engine.getEnabledProtocols();
    }

    @Override
    public void setEnabledProtocols(String[] protocols) {
        engine.setEnabledProtocols(protocols);
    }

    @Override
    public SSLSession getSession() {
        return engine.getSession();
    }

    @Override
    public SSLSession getHandshakeSession() {
        return engine.getHandshakeSession();
    }

    @Override
    public void beginHandshake() throws SSLException {
        try {
            engine.beginHandshake();
        } catch (SSLException | RuntimeException e) {
            throw worded(e);
        }
    }

    @Override
    public SSLEngineResult.HandshakeStatus getHandshakeStatus() {
        return engine.getHandshakeStatus();
    }

    @Override
    public void setUseClientMode(boolean client) {
        engine.setUseClientMode(client);
    }

    @Override
    public boolean getUseClientMode() {
        return engine.getUseClientMode();
    }

    @Override
    public void setNeedClientAuth(boolean need) {
        engine.setNeedClientAuth(need);
    }

    @Override
    public boolean getNeedClientAuth() {
        return engine.getNeedClientAuth();
    }

    @Override
    public void setWantClientAuth(boolean want) {
        engine.setWantClientAuth(want);
    }

    @Override
    public boolean getWantClientAuth() {
        return engine.getWantClientAuth();
    }

    @Override
    public void setEnableSessionCreation(boolean create) {
        engine.setEnableSessionCreation(create);
    }

    @Override
    public boolean getEnableSessionCreation() {
        return engine.getEnableSessionCreation();
    }

    @Override
    public SSLParameters getSSLParameters() {
        return engine.getSSLParameters();
    }

    @Override
    public void setSSLParameters(SSLParameters parameters) {
        engine.setSSLParameters(parameters);
    }

    @Override
    public String getApplicationProtocol() {
        return engine.getApplicationProtocol();
    }

    @Override
    public String getHandshakeApplicationProtocol() {
        return engine.getHandshakeApplicationProtocol();
    }

    @Override
    public void setHandshakeApplicationProtocolSelector(BiFunction<SSLEngine, List<String>, String> selector) {
        engine.setHandshakeApplicationProtocolSelector(selector == null ? null : (ignored, offered) -> selector.apply(this, offered));
    }

    @Override
    public BiFunction<SSLEngine, List<String>, String> getHandshakeApplicationProtocolSelector() {
        return engine.getHandshakeApplicationProtocolSelector();
    }

    @Override
    public String toString() {
        return "SSLEngine[Shuttle, " + attempt.peer() + "]";
    }
}
