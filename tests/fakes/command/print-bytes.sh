#!/bin/sh
# Prints exactly $1 bytes: the line "line of output 0123456789" repeated, cut at $1; then, if $2 is given,
# the line "value: $2" after them.
yes 'line of output 0123456789' | head -c "$1"
if [ -n "$2" ]; then printf '\nvalue: %s\n' "$2"; fi
