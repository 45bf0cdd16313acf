# Shared by tests/reliability/* scripts (sourced): `expect_error`.
# expect_error NAME DIR SUBSTRING... -- MHU ARGS...: run mhu in DIR (20 s at
# most), expect exit status 1 and every SUBSTRING in its stderr; counts
# failures in $failures.
failures=0
expect_error() {
  local name=$1 dir=$2; shift 2
  local want=()
  while [[ $1 != -- ]]; do want+=("$1"); shift; done
  shift
  local rc=0
  (cd "$dir" && timeout 20 "$@" >"$work/out" 2>"$work/err") || rc=$?
  local ok=1
  if ((rc == 124)); then echo "FAIL $name: mhu hung (killed after 20 s)"; ok=0
  elif ((rc != 1)); then echo "FAIL $name: exit status $rc, expected 1"; ok=0; fi
  local w
  for w in "${want[@]}"; do
    grep -qF -- "$w" "$work/err" || { echo "FAIL $name: stderr lacks: $w"; ok=0; }
  done
  if ((ok)); then echo "ok   $name: $(head -n 1 "$work/err")"
  else echo "---- stderr:"; cat "$work/err"; echo "----"; failures=$((failures + 1)); fi
}
