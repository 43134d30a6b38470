package dev.shuttle.internal.race;

import dev.shuttle.Connection;
import dev.shuttle.ConnectListener;
import dev.shuttle.Endpoint;
import dev.shuttle.internal.address.AddressSorter;
import dev.shuttle.internal.combinator.ResolvedAddressCheck;
import dev.shuttle.internal.concurrent.TaskScope;
import dev.shuttle.internal.concurrent.TaskScopes;
import dev.shuttle.internal.io.ConnectFailures;
import dev.shuttle.internal.io.Timeouts;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One happy-eyeballs connect (RFC 8305), run by the calling thread as the owner of a task scope.
 *
 * <p>AAAA and A are asked at once (a family the lookup does not {@linkplain FamilyLookup#asks ask}
 * for has no address); a family the lookup can answer without waiting (cached,
 * {@code localhost}) is answered on the owner's thread. A positive AAAA answer starts the race;
 * an A answer that comes first waits up to the resolution delay for AAAA. Addresses are sorted (RFC 6724) and the
 * families interleaved. Attempts start one attempt delay apart, or at once when one fails; an
 * attempt never aborts the earlier ones. Answers that come late join the untried addresses in
 * sorted position. The first attempt to connect claims the win; the scope then interrupts every
 * other task, and an attempt that connected too late closes its connection.
 *
 * <p>Only the owner forks: it sleeps on a condition between decisions and wakes for answers,
 * failures, the win, and the deadlines of the two delays. It also begins each attempt itself
 * ({@link Attempt#begin}): a connect the kernel makes at once, as to a loopback listener, wins
 * (or fails) there, with no thread started and none to wake; only the rest of an attempt, the
 * wait for the network, runs as a task.
 *
 * <p>Just before an attempt begins, its address is checked against the address rules of any
 * selective connector that routed this name ({@link ResolvedAddressCheck}): a denied address
 * fails as that attempt, at once, and the race moves on.
 *
 * <p>With a {@link ServiceLookup} that asks for the endpoint's HTTPS or SVCB records (Happy
 * Eyeballs v3), that lookup runs next to AAAA and A; the race starts once some address (or hint)
 * is known and both AAAA and the service answer are in, or the resolution delay after the first
 * address has passed. The service endpoints then go first ({@link ServiceCandidates}); a target
 * other than the host gets its own A and AAAA lookups, whose answers replace the target's hints.
 * Without service records, or with {@link ServiceLookup#NONE}, the race is exactly RFC 8305's.
 *
 * <p>An {@link Error} from user code (a listener's method, the resolver) ends the race: on a
 * task's thread it stops the scope and wakes the owner; on the owner's thread it leaves at once.
 * Either way the scope is closed, whatever the race opened is closed, and {@link #run()} throws
 * that Error. (A listener's {@link RuntimeException} is logged and ignored by {@link SafeListener}.)
 */
public final class HappyEyeballsRace {
    private static final Duration CENTURY = Duration.ofDays(36_525);
    private static final List<StandardProtocolFamily> FAMILIES = List.of(StandardProtocolFamily.INET6, StandardProtocolFamily.INET);
    private final Endpoint endpoint;
    private final FamilyLookup lookup;
    private final Attempt attempt;
    private final RaceSettings settings;
    private final AddressSorter sorter;
    private final Ticker ticker;
    private final ConnectListener listener;
    private final Duration timeout;
    private final ServiceLookup services;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final AtomicReference<Connection> winner = new AtomicReference<>();

    // Guarded by lock.
    private final DnsAnswers answers;
    private RuntimeException resolverBug;
    private Throwable userError;
    private boolean started;
    private List<Candidate> untried = List.of();
    private final Set<InetSocketAddress> tried = new HashSet<>();
    private int inFlight;
    private boolean failedSinceLastStart;
    private long nextAttemptAt;
    private Boolean lastWasIpv6;
    private long deadlineAt;
    private boolean timedOut;
    private final List<RaceFailure.Failed> failures = new ArrayList<>();

    // Owner only: whether the owner's own begin won, and the attempts it began and handed to a
    // task, which may never have run.
    private boolean wonOnOwnerThread;
    private final List<Begun> begunAttempts = new ArrayList<>();

    /** An attempt begun on the owner's thread; {@code taken} once its task runs. */
    private record Begun(Attempt.Opening opening, AtomicBoolean taken) {}

    /**
     * Prepares a race; {@link #run()} runs it once.
     *
     * @param endpoint the endpoint as asked for, with a hostname
     * @param lookup the per-family DNS lookup
     * @param attempt what connects to one address
     * @param settings the RFC 8305 parameters
     * @param sorter the RFC 6724 sorter
     * @param ticker the clock
     * @param listener told of every phase
     */
    public HappyEyeballsRace(Endpoint endpoint, FamilyLookup lookup, Attempt attempt, RaceSettings settings,
            AddressSorter sorter, Ticker ticker, ConnectListener listener) {
        this(endpoint, lookup, attempt, settings, sorter, ticker, listener, null);
    }

    /**
     * Prepares a race with a deadline: when {@code timeout} passes with no winner, the lookups and
     * attempts still running are interrupted and {@link #run()} throws a
     * {@link SocketTimeoutException}, as {@code TimeoutConnector} does around a connector, without
     * a thread of its own.
     *
     * @param endpoint the endpoint as asked for, with a hostname
     * @param lookup the per-family DNS lookup
     * @param attempt what connects to one address
     * @param settings the RFC 8305 parameters
     * @param sorter the RFC 6724 sorter
     * @param ticker the clock
     * @param listener told of every phase
     * @param timeout the longest the whole race may take, or {@code null} for no limit
     */
    public HappyEyeballsRace(Endpoint endpoint, FamilyLookup lookup, Attempt attempt, RaceSettings settings,
            AddressSorter sorter, Ticker ticker, ConnectListener listener, Duration timeout) {
        this(endpoint, lookup, ServiceLookup.NONE, attempt, settings, sorter, ticker, listener, timeout);
    }

    /**
     * Prepares a race that also asks for the endpoint's HTTPS or SVCB records when
     * {@code services} {@linkplain ServiceLookup#asks asks} for them (Happy Eyeballs v3): the
     * resolution delay then also waits for the service answer, the service endpoints are tried
     * first (by priority, then by ALPN match, then RFC 6724 within each), on the record's port and
     * target, with address hints until the target's own answers come; the host's own addresses
     * at the URI's port come last. An AliasMode record with target {@code .} fails the race with a
     * {@link ConnectException}.
     *
     * @param endpoint the endpoint as asked for, with a hostname
     * @param lookup the per-family DNS lookup
     * @param services the service record lookup
     * @param attempt what connects to one address
     * @param settings the RFC 8305 parameters
     * @param sorter the RFC 6724 sorter
     * @param ticker the clock
     * @param listener told of every phase
     * @param timeout the longest the whole race may take, or {@code null} for no limit
     */
    public HappyEyeballsRace(Endpoint endpoint, FamilyLookup lookup, ServiceLookup services, Attempt attempt,
            RaceSettings settings, AddressSorter sorter, Ticker ticker, ConnectListener listener, Duration timeout) {
        this.services = services;
        this.timeout = timeout;
        this.endpoint = endpoint;
        this.lookup = lookup;
        this.attempt = attempt;
        this.settings = settings;
        this.sorter = sorter;
        this.ticker = ticker;
        this.listener = SafeListener.of(listener);
        this.answers = new DnsAnswers(endpoint, services.asks(endpoint));
    }

    /**
     * Runs the race on the calling thread.
     *
     * @return the winning connection
     * @throws IOException the resolver's failure when no address was found, or one exception for
     *     all failed attempts; {@link java.io.InterruptedIOException} if the thread was interrupted;
     *     {@link SocketTimeoutException} if the race's timeout passed first
     */
    public Connection run() throws IOException {
        boolean interrupted = false;
        boolean returned = false;
        // A timeout of a century or more ("for ever") is no deadline; toNanos() would overflow.
        deadlineAt = timeout == null || timeout.compareTo(CENTURY) >= 0 ? Long.MAX_VALUE : ticker.nanoTime() + timeout.toNanos();
        try {
            try (TaskScope scope = TaskScopes.open("shuttle-race " + endpoint)) {
                for (StandardProtocolFamily family : FAMILIES) {
                    if (!lookup.asks(family)) {
                        answered(family, List.of(), null);
                    } else if (!answeredAtOnce(family)) {
                        fork(scope, () -> lookUp(family));
                    }
                }
                if (answers.servicesAsked()) {
                    ServiceAnswer known = services.answerAtOnce(endpoint);
                    if (known != null) {
                        servicesAnswered(known, null);
                    } else {
                        fork(scope, this::lookUpServices);
                    }
                }
                try {
                    drive(scope);
                    scope.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (TimeoutException e) {
                    throw new IllegalStateException("a race's scope has no deadline", e);
                }
            }
            rethrowUserError();
            if (interrupted) {
                Thread.currentThread().interrupt();
                throw ConnectFailures.interrupted(endpoint, null);
            }
            Connection won = winner.get();
            if (won != null) {
                returned = true;
                return won;
            }
            if (timedOut) {
                throw timedOut();
            }
            String notAvailable = unavailable();
            if (notAvailable != null) {
                throw new ConnectException("Connection to " + endpoint + " failed: " + notAvailable);
            }
            throw failure();
        } finally {
            for (Begun begun : begunAttempts) {
                if (!begun.taken().get()) {
                    begun.opening().abandon().run(); // its task never ran: the scope had stopped
                }
            }
            if (!returned) {
                Connection won = winner.get();
                if (won != null) {
                    won.close();
                }
            }
        }
    }

    /**
     * Forks a task of the race. Whatever it throws came from user code (the tasks handle every
     * failure of the network themselves): it stops the scope, and the owner throws it.
     */
    private void fork(TaskScope scope, TaskScope.Task task) {
        scope.fork(() -> {
            try {
                return task.run();
            } catch (Throwable e) {
                lock.lock();
                try {
                    if (userError == null) {
                        userError = e;
                    }
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
                return true;
            }
        });
    }

    /** Throws what user code threw on a task's thread, if it did. The scope is closed by now. */
    private void rethrowUserError() throws IOException {
        Throwable error;
        lock.lock();
        try {
            error = userError;
        } finally {
            lock.unlock();
        }
        switch (error) {
            case null -> { }
            case Error e -> throw e;
            case RuntimeException e -> throw e;
            case IOException e -> throw e;
            default -> throw new IllegalStateException("a task of the race to " + endpoint + " failed", error);
        }
    }

    private void drive(TaskScope scope) throws InterruptedException {
        lock.lock();
        try {
            while (winner.get() == null) {
                if (userError != null) {
                    return; // its task stopped the scope
                }
                if (answers.unavailable() != null) {
                    scope.fork(() -> true); // stops the scope: the service says there is nothing to connect to
                    return;
                }
                lookUpTargets(scope);
                // An attempt begun here does not wait, so nothing else would see an interrupt.
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                long now = ticker.nanoTime();
                if (deadlineAt != Long.MAX_VALUE && now - deadlineAt >= 0) {
                    timedOut = true;
                    scope.fork(() -> true); // stops the scope: join interrupts the lookups and attempts
                    return;
                }
                if (!started && answers.letStart(now, settings)) {
                    started = true;
                    untried = answers.servicesAsked() ? serviceCandidates(null) : plainCandidates(order(answers.hostAddresses(), null));
                }
                if (started && !untried.isEmpty() && mayStartAttempt(now)) {
                    Candidate next = untried.getFirst();
                    untried = untried.subList(1, untried.size());
                    tried.add(next.address());
                    inFlight++;
                    failedSinceLastStart = false;
                    nextAttemptAt = now + settings.attemptDelay().toNanos();
                    lastWasIpv6 = next.address().getAddress() instanceof Inet6Address;
                    lock.unlock();
                    try {
                        begin(scope, next);
                    } finally {
                        lock.lock();
                    }
                    continue;
                }
                if (answers.done() && (started || !answers.hasAnyAddress()) && untried.isEmpty() && inFlight == 0) {
                    return;
                }
                ticker.awaitUntil(lock, changed, earliest(deadline(), deadlineAt));
            }
            if (wonOnOwnerThread && (!answers.done() || inFlight > 0)) {
                scope.fork(() -> true); // the winner has no task to stop the scope: stop it for the lookups and attempts left
            }
        } finally {
            lock.unlock();
        }
    }

    private boolean mayStartAttempt(long now) {
        if (inFlight == 0) {
            return true;
        }
        return settings.racing() && (failedSinceLastStart || now - nextAttemptAt >= 0);
    }

    private long deadline() {
        if (!started) {
            return answers.resolutionDelayEnd(settings);
        }
        if (settings.racing() && inFlight > 0 && !untried.isEmpty()) {
            return nextAttemptAt;
        }
        return Long.MAX_VALUE;
    }

    /** The earlier of two deadlines, {@link Long#MAX_VALUE} meaning none. */
    private static long earliest(long a, long b) {
        if (a == Long.MAX_VALUE) {
            return b;
        }
        if (b == Long.MAX_VALUE) {
            return a;
        }
        return a - b <= 0 ? a : b;
    }

    private List<InetAddress> order(List<InetAddress> addresses, Boolean startWithIpv6) {
        int firstCount = startWithIpv6 == null ? settings.firstAddressFamilyCount() : 1;
        return settings.racing()
                ? Interleaving.interleave(sorter.sort(addresses), firstCount, startWithIpv6)
                : sorter.sort(addresses);
    }

    /** The host's addresses in race order, at the URI's port, as RFC 8305 tries them. */
    private List<Candidate> plainCandidates(List<InetAddress> ordered) {
        return ordered.stream().map(address -> new Candidate(new InetSocketAddress(address, endpoint.port()), null, null, false)).toList();
    }

    /** Everything left to try once service records are asked: see {@link ServiceCandidates}. */
    private List<Candidate> serviceCandidates(Boolean startWithIpv6) {
        return ServiceCandidates.list(answers.serviceAnswer(), services.applicationProtocols(), endpoint.port(), answers::addresses,
                answers.hostAddresses(), tried, addresses -> order(addresses, startWithIpv6));
    }

    private boolean lookUpServices() {
        ServiceAnswer answer;
        IOException failure = null;
        try {
            answer = services.lookup(endpoint);
        } catch (IOException e) {
            answer = ServiceAnswer.NONE;
            failure = e;
        } catch (RuntimeException e) {
            answer = ServiceAnswer.NONE;
            failure = new IOException("the service record lookup failed: " + e, e);
        }
        servicesAnswered(answer, failure);
        return false;
    }

    /**
     * Takes the service answer: an unusable or failed lookup leaves the race to the host's
     * addresses; targets other than the host get lookups of their own (forked by the owner).
     */
    private void servicesAnswered(ServiceAnswer answer, IOException failure) {
        boolean quiet = winner.get() != null || Thread.currentThread().isInterrupted();
        if (failure != null) {
            if (!quiet) {
                listener.servicesFailed(endpoint, failure);
            }
        } else {
            listener.servicesAnswered(endpoint, answer.services());
        }
        lock.lock();
        try {
            answers.servicesAnswered(answer, ticker.nanoTime());
            if (started) {
                untried = serviceCandidates(lastWasIpv6 == null ? null : !lastWasIpv6);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** On the owner's thread, with the lock: starts the A and AAAA lookups of new target names. */
    private void lookUpTargets(TaskScope scope) {
        for (String name : answers.targetsToAsk()) {
            for (StandardProtocolFamily family : FAMILIES) {
                if (!lookup.asks(family)) {
                    targetAnswered(name, family, List.of());
                    continue;
                }
                List<InetAddress> known = lookup.answerAtOnce(name, family);
                if (known != null) {
                    targetAnswered(name, family, DnsAnswers.ofFamily(known, family));
                } else {
                    fork(scope, () -> lookUpTarget(name, family));
                }
            }
        }
    }

    /** Looks up a service's target name; a failure counts as no address (its hints then stay). */
    private boolean lookUpTarget(String name, StandardProtocolFamily family) {
        List<InetAddress> found;
        try {
            found = DnsAnswers.ofFamily(lookup.lookup(name, family), family);
        } catch (IOException | RuntimeException e) {
            found = null;
        }
        targetAnswered(name, family, found);
        return false;
    }

    private void targetAnswered(String name, StandardProtocolFamily family, List<InetAddress> found) {
        lock.lock();
        try {
            // A failed lookup (null) keeps the hints: an empty answer that is not really one.
            answers.targetAnswered(name, family, found, ticker.nanoTime());
            if (started) {
                untried = serviceCandidates(lastWasIpv6 == null ? null : !lastWasIpv6);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private String unavailable() {
        lock.lock();
        try {
            return winner.get() == null ? answers.unavailable() : null;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes the answer of one family on the owner's thread when the lookup knows it without
     * waiting (a cached answer, {@code localhost}): no thread to start, none to wake.
     */
    private boolean answeredAtOnce(StandardProtocolFamily family) {
        List<InetAddress> known = lookup.answerAtOnce(endpoint.host(), family);
        if (known == null) {
            return false;
        }
        listener.lookupStarted(endpoint, family);
        List<InetAddress> found = DnsAnswers.ofFamily(known, family);
        listener.lookupAnswered(endpoint, family, found);
        answered(family, found, null);
        return true;
    }

    private boolean lookUp(StandardProtocolFamily family) {
        listener.lookupStarted(endpoint, family);
        List<InetAddress> found = List.of();
        IOException failure = null;
        try {
            found = DnsAnswers.ofFamily(lookup.lookup(endpoint.host(), family), family);
            listener.lookupAnswered(endpoint, family, found);
        } catch (IOException e) {
            failure = e;
            if (winner.get() == null && !Thread.currentThread().isInterrupted()) {
                listener.lookupFailed(endpoint, family, e);
            }
        } catch (RuntimeException e) {
            // A resolver that throws unchecked (or answers null) is a bug to report, not a name
            // without addresses; the other family may still connect.
            failure = new java.net.UnknownHostException("the resolver failed on " + endpoint.host() + ": " + e);
            failure.initCause(e);
            lock.lock();
            try {
                resolverBug = e;
            } finally {
                lock.unlock();
            }
        }
        answered(family, found, failure);
        return false;
    }

    private void answered(StandardProtocolFamily family, List<InetAddress> found, IOException failure) {
        lock.lock();
        try {
            answers.hostAnswered(family, found, failure, ticker.nanoTime());
            if (started && !found.isEmpty()) {
                if (answers.servicesAsked()) {
                    untried = serviceCandidates(lastWasIpv6 == null ? null : !lastWasIpv6);
                } else {
                    List<InetAddress> merged = new ArrayList<>();
                    untried.forEach(candidate -> merged.add(candidate.address().getAddress()));
                    merged.addAll(found);
                    untried = plainCandidates(order(merged, lastWasIpv6 == null ? null : !lastWasIpv6));
                }
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Begins an attempt on the owner's thread, without the lock: a connect the kernel makes at
     * once (loopback) wins or fails here, with no thread started and none to wake; any other is
     * finished by a task of its own.
     */
    private void begin(TaskScope scope, Candidate candidate) {
        if (winner.get() != null) {
            ended(); // won meanwhile, by a task: nothing to begin
            return;
        }
        InetSocketAddress target = candidate.address();
        Attempt.Opening opening;
        try {
            // Here, on the very address about to be connected: no later DNS answer can slip between.
            ResolvedAddressCheck.verify(endpoint, target);
            Attempt offering = candidate.protocols() == null ? attempt : attempt.offering(candidate.protocols());
            opening = offering.begin(target);
        } catch (IOException | RuntimeException e) {
            // The listener hears of an attempt on the thread that ends it (the flight recorder
            // keeps the attempt's event on that thread): here, once it has ended at once.
            attemptStarted(candidate);
            failed(target, e);
            ended();
            return;
        }
        Connection connected = opening.connected();
        if (connected != null) {
            try {
                attemptStarted(candidate);
            } catch (Throwable e) {
                connected.close(); // not claimed: nobody else would close it
                throw e;
            }
            if (claim(candidate, connected)) {
                wonOnOwnerThread = true;
            }
            ended();
            return;
        }
        Begun begun = new Begun(opening, new AtomicBoolean());
        begunAttempts.add(begun);
        fork(scope, () -> finish(candidate, begun));
    }

    private void attemptStarted(Candidate candidate) {
        if (candidate.service() == null) {
            listener.attemptStarted(endpoint, candidate.address());
        } else {
            listener.attemptStarted(endpoint, candidate.address(), candidate.service());
        }
    }

    private boolean finish(Candidate candidate, Begun begun) {
        InetSocketAddress target = candidate.address();
        try {
            attemptStarted(candidate);
        } catch (Throwable e) {
            ended(); // not taken: run() abandons what was begun once the scope has closed
            throw e;
        }
        begun.taken().set(true);
        try {
            return claim(candidate, begun.opening().rest().connect());
        } catch (IOException | RuntimeException e) {
            failed(target, e);
            return false;
        } finally {
            ended();
        }
    }

    /** Claims the win for a connection, or closes it when another attempt won first. */
    private boolean claim(Candidate candidate, Connection made) {
        Connection connection = candidate.service() == null ? made : new ServiceConnection(made, candidate.service());
        if (winner.compareAndSet(null, connection)) {
            listener.attemptSucceeded(endpoint, candidate.address());
            return true;
        }
        connection.close();
        return false;
    }

    private void failed(InetSocketAddress target, Exception e) {
        IOException failure = e instanceof IOException io ? io : new IOException(e);
        boolean cancelled = winner.get() != null || Thread.currentThread().isInterrupted();
        if (!cancelled) {
            listener.attemptFailed(endpoint, target, failure);
        }
        lock.lock();
        try {
            if (!cancelled) {
                failures.add(new RaceFailure.Failed(target, failure));
            }
            failedSinceLastStart = true;
        } finally {
            lock.unlock();
        }
    }

    private void ended() {
        lock.lock();
        try {
            inFlight--;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private SocketTimeoutException timedOut() {
        SocketTimeoutException timedOut = Timeouts.connectTimedOut(endpoint, timeout);
        lock.lock();
        try {
            failures.forEach(failed -> timedOut.addSuppressed(failed.failure()));
        } finally {
            lock.unlock();
        }
        return timedOut;
    }

    private IOException failure() {
        lock.lock();
        try {
            if (failures.isEmpty()) {
                if (resolverBug != null) {
                    throw resolverBug;
                }
                return answers.noAddress();
            }
            return RaceFailure.allFailed(endpoint, failures);
        } finally {
            lock.unlock();
        }
    }
}
