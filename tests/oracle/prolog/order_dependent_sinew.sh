#!/bin/sh
# A sinew whose answer depends on the order of a body, so that the permutation
# test can be seen to fail: it prints only the first line of the output when a
# rule's body starts with a negation. Runs $REAL_SINEW with the same arguments.
out=$("$REAL_SINEW" "$@")
status=$?
if grep -q ':- !' "$2"; then
  printf '%s\n' "$out" | head -n 1
else
  printf '%s\n' "$out"
fi
exit $status
