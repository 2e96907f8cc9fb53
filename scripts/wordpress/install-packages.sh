#!/usr/bin/env bash
# Installs the Debian packages behind the real-WordPress tests (tests/support/wordpress.ts,
# scripts/wordpress/provision.mjs): WordPress 6.1 with its twentytwentythree theme, MariaDB and PHP's CLI.
# Non-interactive and idempotent: with everything present it only asks dpkg and exits (well under a second).
# `wordpress` pulls in apache2 and libapache2-mod-php; a policy-rc.d that exits 101 is in place for the install
# so that no service (apache2, mariadb) starts, and the one there before (if any) is put back afterwards.
# Usage (as root, or with sudo on PATH): scripts/wordpress/install-packages.sh
set -euo pipefail

PACKAGES=(wordpress wordpress-theme-twentytwentythree mariadb-server php-cli php-mysql php-curl php-xml php-imagick)

missing=()
for package in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q '^install ok installed$'; then
    missing+=("$package")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "[wordpress] Debian packages already installed"
  exit 0
fi

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null; then
    echo "[wordpress] installing ${missing[*]} needs root (or sudo)" >&2
    exit 1
  fi
  SUDO=(sudo)
fi

POLICY=/usr/sbin/policy-rc.d
saved=""
if [ -e "$POLICY" ]; then
  saved="$(mktemp)"
  "${SUDO[@]}" cp -p "$POLICY" "$saved"
fi
restore_policy() {
  if [ -n "$saved" ]; then
    "${SUDO[@]}" cp -p "$saved" "$POLICY"
    rm -f "$saved"
    saved=""
  else
    "${SUDO[@]}" rm -f "$POLICY"
  fi
}
trap restore_policy EXIT
trap 'exit 130' INT TERM

printf '#!/bin/sh\n# scripts/wordpress/install-packages.sh: no service starts while packages install\nexit 101\n' \
  | "${SUDO[@]}" tee "$POLICY" >/dev/null
"${SUDO[@]}" chmod 755 "$POLICY"

echo "[wordpress] installing ${missing[*]}"
started=$(date +%s)
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
  -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
  "${PACKAGES[@]}" >/dev/null
echo "[wordpress] installed in $(( $(date +%s) - started )) s"
