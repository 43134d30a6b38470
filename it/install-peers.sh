#!/usr/bin/env bash
# Installs the real peers the integration tests start on loopback (Debian packages), when missing:
# dnsmasq, openssl, curl, PostgreSQL and Redis.
# Run by `mvn verify` before the integration tests (all peers), and by the benchmarks' build with
# the names of those it needs (`install-peers.sh dnsmasq`); safe to run again.
set -euo pipefail
wanted=("$@")
[ ${#wanted[@]} -gt 0 ] || wanted=(dnsmasq openssl curl postgres redis perl danted microsocks tinyproxy haproxy)
need=()
for peer in "${wanted[@]}"; do
  case "$peer" in
    dnsmasq) command -v dnsmasq >/dev/null 2>&1 || need+=(dnsmasq-base) ;;
    openssl) command -v openssl >/dev/null 2>&1 || need+=(openssl) ;;
    curl) command -v curl >/dev/null 2>&1 || need+=(curl) ;;
    # perl for the unit test of an inherited listening socket (InheritedChannelTest starts a child on it).
    perl) [ -x /usr/bin/perl ] || need+=(perl-base) ;;
    # PostgreSQL for the JDBC test (Debian keeps its binaries under /usr/lib/postgresql/<version>/bin);
    # setpriv (util-linux) runs initdb and postgres as the postgres user when the tests run as root.
    postgres) compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null || command -v postgres >/dev/null 2>&1 || need+=(postgresql) ;;
    # Redis for the Jedis test (JedisThroughShuttleIT).
    redis) command -v redis-server >/dev/null 2>&1 || need+=(redis-server) ;;
    # Proxies for the proxy connectors (SOCKS5, HTTP CONNECT) and the PROXY protocol server option.
    # Debian starts daemons on installation; the tests start their own copies on ports they pick.
    danted) command -v danted >/dev/null 2>&1 || [ -x /usr/sbin/danted ] || need+=(dante-server) ;;
    microsocks) command -v microsocks >/dev/null 2>&1 || need+=(microsocks) ;;
    tinyproxy) command -v tinyproxy >/dev/null 2>&1 || [ -x /usr/bin/tinyproxy ] || need+=(tinyproxy) ;;
    haproxy) command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ] || need+=(haproxy) ;;
    *) echo "install-peers: unknown peer $peer (known: dnsmasq openssl curl postgres redis perl danted microsocks tinyproxy haproxy)" >&2; exit 2 ;;
  esac
done
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
echo "install-peers: installing ${need[*]}"
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO=sudo
  else
    echo "install-peers: need root (or sudo) to install ${need[*]}" >&2
    exit 1
  fi
else
  SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get -o DPkg::Lock::Timeout=300 update -qq >/dev/null
$SUDO apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${need[@]}" >/dev/null
