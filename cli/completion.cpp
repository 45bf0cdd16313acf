// `mhu completion bash`: a bash completion script for mhu's commands, their
// options, and the project's targets (asked of `mhu targets` in the project
// the command line names).
#include <cstdio>

#include "cli/commands.h"
#include "cli/output.h"

namespace mhu::cli {

namespace {

const char* kCompletionUsage =
    "usage: mhu completion bash\n"
    "\n"
    "Prints a bash script that completes mhu's commands, their options, and the\n"
    "targets of the project the command line is about (from `mhu targets`: stack's\n"
    "names, each package name and `all`).\n"
    "\n"
    "examples:\n"
    "  source <(mhu completion bash)                        in this shell\n"
    "  mhu completion bash > ~/.local/share/bash-completion/completions/mhu\n";

const char* kBashScript = R"BASH(# bash completion for mhu (from `mhu completion bash`)

# The targets of the project the command line names: `mhu targets`, each
# package name and `all`.
_mhu_targets() {
  local -a opts=()
  local i w
  for ((i = 1; i < ${#_mhu_words[@]}; i++)); do
    w=${_mhu_words[i]}
    case $w in
      --project-file|--stack-yaml) opts+=("$w" "${_mhu_words[i+1]}") ;;
      --project-file=*|--stack-yaml=*|--cabal|--stack|--enable-tests|--enable-benchmarks) opts+=("$w") ;;
    esac
  done
  local targets
  targets=$("${_mhu_words[0]}" targets --color=never "${opts[@]}" 2>/dev/null) || return 0
  printf '%s\n' all $targets
  printf '%s\n' $targets | sed -n 's/:.*//p' | sort -u
}

_mhu() {
  # Words split at blanks only (COMP_WORDS splits targets at ':' and '=').
  local line=${COMP_LINE:0:COMP_POINT} cur="" prev="" cmd="" i
  local -a _mhu_words
  read -ra _mhu_words <<<"$line"
  if [[ $line != *[[:space:]] && ${#_mhu_words[@]} -gt 0 ]]; then
    cur=${_mhu_words[-1]}
    unset '_mhu_words[-1]'
  fi
  [[ ${#_mhu_words[@]} -gt 0 ]] && prev=${_mhu_words[-1]}
  for ((i = 1; i < ${#_mhu_words[@]}; i++)); do
    case ${_mhu_words[i]} in
      --color) ((i++)) ;;
      -*) ;;
      *) cmd=${_mhu_words[i]}; break ;;
    esac
  done

  local commands="describe targets units plan repl build hie-bios completion"
  local project="--project-file --stack-yaml --cabal --stack -w --with-compiler --package-db
    --enable-tests --disable-tests --enable-benchmarks --disable-benchmarks -f --flags --no-cache -v --verbose --help"
  local words=""
  COMPREPLY=()
  case $prev in
    --project-file|--stack-yaml|--package-db|--out|-w|--with-compiler)
      COMPREPLY=($(compgen -f -- "$cur")); return 0 ;;
    --os|--arch|--compiler|-f|--flags|-j|--jobs|--ghci-options)
      return 0 ;;
    --color)
      COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return 0 ;;
  esac
  case $cmd in
    "") words="$commands help --help --version --color=auto --color=always --color=never" ;;
    describe)
      if [[ $cur != -* ]]; then COMPREPLY=($(compgen -f -- "$cur")); return 0; fi
      words="--json --os --arch --compiler -f --flags -j --jobs --help" ;;
    targets) words="--json $project" ;;
    units) words="--json --build-deps $project" ;;
    plan) words="--out --json --repl --build -O --optimise --jobs --ghci-options $project" ;;
    repl) words="--ghci-options --jobs $project" ;;
    build) words="-O0 --jobs $project" ;;
    hie-bios)
      if [[ $cur != -* ]]; then COMPREPLY=($(compgen -f -- "$cur")); return 0; fi
      words="--init --force --program --closure $project" ;;
    completion) words="bash" ;;
    help) words="$commands" ;;
  esac
  case $cmd in
    units|plan|repl|build) [[ $cur == -* ]] || words=$(_mhu_targets) ;;
  esac
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
  # bash replaces only what follows the last ':' of the word (COMP_WORDBREAKS).
  if [[ $cur == *:* && $COMP_WORDBREAKS == *:* ]]; then
    local prefix=${cur%"${cur##*:}"}
    COMPREPLY=("${COMPREPLY[@]#"$prefix"}")
  fi
  return 0
}

complete -F _mhu mhu
)BASH";

}  // namespace

int run_completion(const Args& args) {
  if (args.size() == 1 && (args[0] == "--help" || args[0] == "-h")) return std::fputs(kCompletionUsage, stdout), 0;
  if (args.size() != 1 || args[0] != "bash") {
    print_error(args.empty() ? "completion: which shell? (bash)"
                             : "completion: no completion for '" + args[0] + "' (only bash)");
    std::fprintf(stderr, "\n%s", kCompletionUsage);
    return 2;
  }
  std::fputs(kBashScript, stdout);
  return 0;
}

}  // namespace mhu::cli
