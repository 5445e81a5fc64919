#!/bin/sh
# Checks the build dependencies; installs the missing Debian packages with
# apt-get when running as root (or with sudo), else names the command to run.
missing=""
command -v flex >/dev/null 2>&1 || missing="$missing flex"
command -v bison >/dev/null 2>&1 || missing="$missing bison"
have_header() { printf '#include <stdio.h>\n#include <%s>\nint main(void){return 0;}\n' "$1" | ${CC:-cc} -x c -fsyntax-only - >/dev/null 2>&1; }
have_header readline/readline.h || missing="$missing libreadline-dev"
printf '#include <stdarg.h>\n#include <stddef.h>\n#include <stdint.h>\n#include <setjmp.h>\n#include <cmocka.h>\nint main(void){return 0;}\n' \
    | ${CC:-cc} -x c -fsyntax-only - >/dev/null 2>&1 || missing="$missing libcmocka-dev"
[ -z "$missing" ] && exit 0
echo "mcemu: missing build dependencies:$missing" >&2
if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo"; else
    echo "mcemu: install them with: sudo apt-get install -y$missing" >&2; exit 1; fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "mcemu: no apt-get here; install the packages$missing with your package manager" >&2; exit 1; fi
echo "mcemu: installing with apt-get:$missing" >&2
$SUDO apt-get update -qq >/dev/null 2>&1
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null || {
    echo "mcemu: apt-get failed; run: sudo apt-get install -y$missing" >&2; exit 1; }
